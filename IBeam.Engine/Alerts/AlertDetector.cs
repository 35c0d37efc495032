using System.Globalization;
using IBeam.Engine.State;
using IBeam.Engine.TwoFactor;

namespace IBeam.Engine.Alerts;

/// <summary>
/// Turns the stream of snapshots into events, each once: a manual-code wait alerts when it
/// begins (however many snapshots it lasts; the next wait alerts again), a lock-out when the
/// guard stops attempts (again only after an operator lifted it), and each give-up of a
/// strategy once (<see cref="RestoreFailure.Number"/>). Fed every snapshot in order.
/// </summary>
public sealed class AlertDetector
{
    private (Guid? Attempt, DateTimeOffset Deadline)? _manualWait;
    private bool _lockedOut;
    private int _restoreFailures;

    public IReadOnlyList<Alert> Observe(EngineSnapshot snapshot)
    {
        var alerts = new List<Alert>();
        var wait = snapshot.TwoFactor is { } w && string.Equals(w.Handler, ManualHandler.HandlerName, StringComparison.OrdinalIgnoreCase)
            ? (snapshot.Attempt?.Id, w.Deadline)
            : ((Guid?, DateTimeOffset)?)null;
        if (wait is not null && wait != _manualWait)
        {
            alerts.Add(ManualCodeAwaited(snapshot, snapshot.TwoFactor!));
        }

        _manualWait = wait;

        if (snapshot.Phase == EnginePhase.LockedOut && !_lockedOut)
        {
            alerts.Add(LockedOut(snapshot));
            _lockedOut = true;
        }
        else if (snapshot.StopReason is null)
        {
            _lockedOut = false; // an operator reset the guard: the next lock-out is a new event
        }

        if (snapshot.LastRestoreFailure is { } failure && failure.Number != _restoreFailures)
        {
            alerts.Add(SessionNotRestored(snapshot, failure));
            _restoreFailures = failure.Number;
        }

        return alerts;
    }

    private static Alert ManualCodeAwaited(EngineSnapshot snapshot, TwoFactorWait wait)
    {
        var context = new Dictionary<string, string> { ["handler"] = wait.Handler, ["deadline"] = Time(wait.Deadline) };
        if (snapshot.Attempt is { } attempt)
        {
            context["attemptId"] = attempt.Id.ToString();
            context["trigger"] = attempt.Trigger.ToString();
        }

        return new Alert(AlertEvents.ManualCodeAwaited, snapshot.UpdatedAt,
            $"IBeam is waiting for the 2FA code: enter it on the dashboard's Two-factor page before {wait.Deadline.UtcDateTime:HH:mm:ss} UTC.", context);
    }

    private static Alert LockedOut(EngineSnapshot snapshot) => new(AlertEvents.LockedOut, snapshot.UpdatedAt,
        $"IBeam stopped login attempts to keep the IBKR account from being locked: {snapshot.StopReason ?? "the lock-out guard stopped them"}. "
        + "An operator must check the account and reset the guard on the dashboard.",
        new Dictionary<string, string>
        {
            ["reason"] = snapshot.StopReason ?? "",
            ["failedSubmissions"] = snapshot.FailedSubmissions.ToString(CultureInfo.InvariantCulture),
            ["maxFailedSubmissions"] = snapshot.MaxFailedSubmissions.ToString(CultureInfo.InvariantCulture),
        });

    private static Alert SessionNotRestored(EngineSnapshot snapshot, RestoreFailure failure) => new(AlertEvents.SessionNotRestored, failure.At,
        $"IBeam could not restore the gateway session (strategy {failure.Strategy}, status {failure.Status})"
        + (failure.GatewayRestarted ? "; it restarted the gateway and logs in again at the next pass." : "; it tries again at the next pass."),
        new Dictionary<string, string>
        {
            ["strategy"] = failure.Strategy,
            ["status"] = failure.Status,
            ["gatewayRestarted"] = failure.GatewayRestarted ? "true" : "false",
            ["phase"] = snapshot.Phase.ToString(),
        });

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
