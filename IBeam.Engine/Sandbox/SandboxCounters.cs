namespace IBeam.Engine.Sandbox;

/// <summary>What the sandbox has seen: the ground truth for tests of the lock-out law.</summary>
public sealed record SandboxCounters
{
    public int CredentialSubmissions { get; init; }

    public int CodeSubmissions { get; init; }

    public int ConsecutiveFailures { get; init; }

    /// <summary>The highest <see cref="ConsecutiveFailures"/> ever reached.</summary>
    public int MaxConsecutiveFailures { get; init; }

    public int TotalFailures { get; init; }

    public int SuccessfulLogins { get; init; }

    public bool LockedOut { get; init; }

    public int Tickles { get; init; }

    public int Reauthentications { get; init; }

    public int Logouts { get; init; }

    public int Initialisations { get; init; }

    public int Validations { get; init; }

    public int CodesSent { get; init; }

    /// <summary>Times the login page asked to send the push notification again (its resendNotification()).</summary>
    public int PushResends { get; init; }

    /// <summary>Times a paired Messages for web page fetched the inbox (it polls, so a test can tell the page has shown it).</summary>
    public int MessagesInboxViews { get; init; }

    /// <summary>
    /// Requests to the gateway port on which a fault of the scenario was played (Down, DelayMs,
    /// Fail500, Fail503, GarbageJson). Faults answer before the endpoints, so such requests are
    /// missing from <see cref="Tickles"/> and the other endpoint counters; tests of retries count them here.
    /// </summary>
    public int FaultedRequests { get; init; }
}

/// <summary>The gateway's session, as the sandbox holds it.</summary>
public sealed record SandboxSession(string Id, DateTimeOffset AuthenticatedFrom, DateTimeOffset LastActivity, bool Authenticated, bool Connected, bool Competing);

/// <summary>A text message on the sandbox's simulated phone.</summary>
public sealed record SmsMessage(int Id, DateTimeOffset ReceivedAt, string From, string Text, bool Read);

/// <summary>What the login page's script is told to show next.</summary>
public sealed record SsoAnswer(string Result, string? Message = null, string? Mode = null, IReadOnlyList<string>? Devices = null, string? Redirect = null)
{
    public static SsoAnswer Error(string message) => new("error", message);

    public static SsoAnswer Success() => new("success", Redirect: "/sso/Dispatcher");
}
