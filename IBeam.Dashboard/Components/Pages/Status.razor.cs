using IBeam.Engine.State;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IBeam.Dashboard.Components.Pages;

/// <summary>The live status: fed by the engine's snapshot watch, never by a timer.</summary>
public sealed partial class Status : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _watch;
    private bool _connected;

    [Inject]
    public required EngineState Engine { get; init; }

    private EngineSnapshot Snapshot { get; set; } = new();

    private string PhaseText => Snapshot.Phase switch
    {
        EnginePhase.AwaitingTwoFactor => "Awaiting 2FA code",
        EnginePhase.AwaitingPushApproval => "Awaiting push approval",
        EnginePhase.LockedOut => "Stopped by the lock-out guard",
        EnginePhase.GatewayUnreachable => "Gateway unreachable",
        EnginePhase.NotAuthenticated => "Not authenticated",
        EnginePhase.StartingGateway => "Starting the gateway",
        EnginePhase.CheckingStatus => "Checking status",
        EnginePhase.LoggingIn => "Logging in",
        EnginePhase.RestartingGateway => "Restarting the gateway",
        _ => Snapshot.Phase.ToString(),
    };

    private Color PhaseColor => Snapshot.Gateway.IsHealthy ? Color.Success : Snapshot.Gateway.Running ? Color.Warning : Color.Error;

    protected override void OnInitialized()
    {
        Snapshot = Engine.Current;
        _watch = WatchAsync(_stop.Token);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // Marks the circuit as connected, so end-to-end tests know the page is interactive.
            _connected = true;
            StateHasChanged();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_watch is not null)
        {
            await _watch;
        }

        _stop.Dispose();
    }

    private static string Time(DateTimeOffset? time) => time?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss") ?? "—";

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var snapshot in Engine.WatchAsync(cancellationToken))
            {
                Snapshot = snapshot;
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }
}
