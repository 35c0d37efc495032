namespace IBeam.Engine.Configuration;

public enum AuthenticationStrategy
{
    /// <summary>Always a browser login; reauthenticate only when that did not authenticate.</summary>
    A,

    /// <summary>Browser login only without a session; otherwise logout and/or reauthenticate (IBeam's default).</summary>
    B,
}

public sealed class MaintenanceOptions
{
    [Setting("IBEAM_MAINTENANCE_INTERVAL", "Seconds between maintenance passes.", Min = 1)]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    [Setting("IBEAM_START_ACTIVE", "Whether maintenance runs from start-up; when false, it waits to be activated.", RequiresRestart = true)]
    public bool StartActive { get; set; } = true;

    [Setting("IBEAM_AUTHENTICATION_STRATEGY", "How a lost session is restored: A or B.")]
    public AuthenticationStrategy Strategy { get; set; } = AuthenticationStrategy.B;

    [Setting("IBEAM_RESTART_FAILED_SESSIONS", "Strategy A: log out and start over when a login did not authenticate the session.")]
    public bool RestartFailedSessions { get; set; } = true;

    [Setting("IBEAM_RESTART_WAIT", "Strategy A: seconds to let a competing session settle after reauthenticating.", Min = 0)]
    public TimeSpan RestartWait { get; set; } = TimeSpan.FromSeconds(15);

    [Setting("IBEAM_REAUTHENTICATE_WAIT", "Strategy A: seconds to wait after reauthenticating before starting over.", Min = 0)]
    public TimeSpan ReauthenticateWait { get; set; } = TimeSpan.FromSeconds(15);

    [Setting("IBEAM_MAX_STATUS_CHECK_RETRIES", "Status checks (about one a second) while waiting for a session to authenticate.", Min = 1)]
    public int MaxStatusCheckRetries { get; set; } = 120;

    [Setting("IBEAM_MAX_REAUTHENTICATE_RETRIES", "Reauthenticate rounds before the gateway is restarted.", Min = 1)]
    public int MaxReauthenticateRetries { get; set; } = 3;
}
