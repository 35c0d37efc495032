using IBeam.Dashboard.Security;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Operators;
using IBeam.Engine.State;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IBeam.Dashboard.Components.Controls;

public sealed partial class EngineActions : ComponentBase
{
    private EngineAction? _running;

    [Parameter, EditorRequired]
    public required EngineSnapshot Snapshot { get; set; }

    [Inject]
    public required EngineControl Control { get; init; }

    [Inject]
    public required OperatorAudit Audit { get; init; }

    [Inject]
    public required CurrentOperator Operator { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required IHostApplicationLifetime Lifetime { get; init; }

    private static IReadOnlyList<EngineAction> Actions { get; } =
    [
        new("LogInNow", "Log in now", Icons.Material.Filled.Login, Color.Primary,
            "Open the gateway's login page and log in now, whatever the status says? A wrong password or code counts toward the lock-out guard.",
            s => s.Active,
            async (c, _, t) => Said(await c.LogInNowAsync(t), "Logged in.", "The login did not succeed; see the status and History.")),
        new("Reauthenticate", "Reauthenticate", Icons.Material.Filled.Refresh, Color.Default,
            "Ask the gateway to reauthenticate the brokerage session (no browser login)?",
            s => s.Active && s.Gateway.Running,
            async (c, _, t) => Said(await c.ReauthenticateAsync(t), "Reauthenticated.", "Reauthentication did not restore the session.")),
        new("Logout", "Log out", Icons.Material.Filled.Logout, Color.Default,
            "Log the gateway's session out? Trading through the gateway stops until the next login.",
            s => s.Gateway.Session,
            async (c, _, t) => Said(await c.LogoutAsync(t), "Logged out.", "The gateway did not confirm the logout.")),
        new("RestartGateway", "Restart gateway", Icons.Material.Filled.RestartAlt, Color.Warning,
            "Kill and restart the gateway process? Its session ends.",
            s => s.Active,
            async (c, _, t) => Said(await c.RestartGatewayAsync(t), "The gateway restarted.", "The gateway did not answer after the restart.")),
        new("Activate", "Activate", Icons.Material.Filled.PlayArrow, Color.Success,
            "Start maintenance: IBeam keeps the session authenticated and logs in when needed.",
            s => !s.Active,
            (c, who, _) => { c.Activate(who.Name); return Task.FromResult("Activated."); }),
        new("Deactivate", "Deactivate", Icons.Material.Filled.Stop, Color.Warning,
            "Stop maintenance, log out and stop the gateway (when IBeam manages it)? Nothing is attempted until you activate again.",
            s => s.Active,
            async (c, who, t) => { await c.DeactivateAsync(who.Name, t); return "Deactivated."; }),
        new("ResetLockout", "Reset lock-out counter", Icons.Material.Filled.LockReset, Color.Error,
            "Set the failed-submission count back to zero and let attempts resume? Do this only once you have fixed the cause (password, handler): IBKR locks the account for 24 hours after 10 consecutive failures.",
            s => s.FailedSubmissions > 0 || s.Phase == EnginePhase.LockedOut,
            async (c, who, t) => { await c.ResetLockoutAsync(who.Name, t); return "The lock-out counter is back to zero."; }),
    ];

    private async Task RunAsync(EngineAction action)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(action.Label, action.Question, yesText: action.Label, cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var who = await Operator.GetAsync();
        _running = action;
        StateHasChanged();
        try
        {
            // The application's token, not the page's: an action goes on when the operator leaves the page.
            var outcome = await action.Run(Control, who, Lifetime.ApplicationStopping);
            await Audit.RecordAsync(who, action.Name, succeeded: true, outcome);
            Snackbar.Add(outcome, Severity.Info);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Audit.RecordAsync(who, action.Name, succeeded: false, e.Message);
            Snackbar.Add($"{action.Label} failed: {e.Message}", Severity.Error);
        }
        finally
        {
            _running = null;
        }
    }

    private static string Said(bool succeeded, string yes, string no) => succeeded ? yes : no;

    /// <param name="Available">Whether the action makes sense in this state (others are shown disabled).</param>
    private sealed record EngineAction(
        string Name,
        string Label,
        string Icon,
        Color Color,
        string Question,
        Func<EngineSnapshot, bool> Available,
        Func<EngineControl, OperatorIdentity, CancellationToken, Task<string>> Run);
}
