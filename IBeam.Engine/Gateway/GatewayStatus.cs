namespace IBeam.Engine.Gateway;

/// <summary>
/// The gateway's state as an authenticator sees it (IBeam's Status): whether it answers, has a
/// session, and whether that session is connected, authenticated, competing or colliding.
/// </summary>
public sealed record GatewayStatus
{
    public static readonly GatewayStatus Unknown = new();

    public static GatewayStatus NotRunning(string? error) => new() { Error = error };

    public static GatewayStatus NoSession(string? error = null) => new() { Running = true, Error = error };

    /// <summary>The gateway answered, but not usefully (5xx, no answer in time, an unreadable answer).</summary>
    public static GatewayStatus Unusable(string error) => new() { Running = true, Error = error, RetryLater = true };

    public bool Running { get; init; }

    public bool Session { get; init; }

    public bool Connected { get; init; }

    public bool Authenticated { get; init; }

    public bool Competing { get; init; }

    public bool Collision { get; init; }

    public string? SessionId { get; init; }

    public string? ServerName { get; init; }

    public string? ServerVersion { get; init; }

    /// <summary>Time left before the SSO session expires (the tickle's ssoExpires).</summary>
    public TimeSpan? Expires { get; init; }

    /// <summary>
    /// The answer says nothing about the session (IBKR restarting or not ready, a timeout, an
    /// unreadable answer): nothing is attempted, the next pass asks again. A browser login now
    /// would meet the same fault and might only add a failed submission.
    /// </summary>
    public bool RetryLater { get; init; }

    /// <summary>Why the status is not better, when the gateway said or did something worth telling.</summary>
    public string? Error { get; init; }

    /// <summary>Authenticated, connected and not competing: nothing to do.</summary>
    public bool IsHealthy => Running && Session && Authenticated && Connected && !Competing;

    /// <summary>IBeam's status label.</summary>
    public string Label =>
        !Running ? "NOT RUNNING" :
        !Session ? "NO SESSION" :
        !Connected ? "NOT CONNECTED" :
        Competing ? "COMPETING" :
        Collision ? "COLLISION" :
        Authenticated ? "AUTHENTICATED" :
        "NOT AUTHENTICATED";

    public override string ToString() =>
        $"{Label} (running={Running}, session={Session}, connected={Connected}, authenticated={Authenticated}, competing={Competing}, collision={Collision}" +
        (SessionId is null ? "" : $", session id={SessionId}") +
        (ServerName is null ? "" : $", server={ServerName} {ServerVersion}") +
        (Expires is null ? "" : $", expires in {Expires.Value.TotalSeconds:0} s") +
        (Error is null ? ")" : $", {Error})");
}
