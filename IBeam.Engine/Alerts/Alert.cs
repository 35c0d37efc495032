namespace IBeam.Engine.Alerts;

/// <summary>
/// One alert as it is posted: <see cref="Text"/> for chat webhooks, <see cref="Event"/> for
/// scripts, when it happened, and context that names no secret and no code.
/// </summary>
public sealed record Alert(string Event, DateTimeOffset At, string Text, IReadOnlyDictionary<string, string> Context);

/// <summary>The events IBeam alerts on (the "event" field).</summary>
public static class AlertEvents
{
    /// <summary>A login waits for an operator to type the 2FA code (handler MANUAL).</summary>
    public const string ManualCodeAwaited = "manual_code_awaited";

    /// <summary>The lock-out guard stopped login attempts.</summary>
    public const string LockedOut = "locked_out";

    /// <summary>A strategy gave up restoring the session in a pass.</summary>
    public const string SessionNotRestored = "session_not_restored";
}
