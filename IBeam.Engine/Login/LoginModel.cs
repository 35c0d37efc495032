namespace IBeam.Engine.Login;

/// <summary>Why a login was started.</summary>
public enum LoginTrigger
{
    Startup,
    Maintenance,
    Operator,
    CommandLine,
}

/// <summary>The steps of one login, in the order they usually happen.</summary>
public enum LoginStep
{
    Starting,
    BrowserLaunched,
    PageLoaded,
    PaperModeSet,
    CredentialsSubmitted,
    TwoFactorRequested,
    DeviceChosen,
    HandlerAsked,
    CodeObtained,
    CodeSubmitted,
    AwaitingPushApproval,
    PromotionSkipped,
    Finished,
}

/// <summary>How a login ended.</summary>
public enum LoginOutcome
{
    Succeeded,
    InvalidCredentials,
    CodeRejected,
    PageError,
    TwoFactorTimeout,
    HandlerFailed,
    NoHandler,
    PageTimeout,
    GatewayUnreachable,
    BrowserFailed,
    ConfigurationError,
    LockoutGuardStopped,
    Cancelled,
    Interrupted,
}

/// <summary>The end of one login.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Error">What went wrong, for the operator; never holds a secret.</param>
/// <param name="CountedAsFailure">Whether it counted towards IBEAM_MAX_FAILED_AUTH.</param>
/// <param name="Screenshot">Path of the failure screenshot, when one was saved.</param>
public sealed record LoginResult(LoginOutcome Outcome, string? Error = null, bool CountedAsFailure = false, string? Screenshot = null)
{
    public bool Succeeded => Outcome == LoginOutcome.Succeeded;

    /// <summary>
    /// Whether trying again at once may help. Rejected codes (a fresh code may pass) and
    /// passing page faults may; wrong credentials never do, so they are not retried at once
    /// (IBeam retries them, which only spends the lock-out allowance faster).
    /// </summary>
    public bool WorthRetryingNow => Outcome is LoginOutcome.CodeRejected or LoginOutcome.PageTimeout or LoginOutcome.PageError;

    /// <summary>True when attempts should stop until an operator acts (lock-out guard, configuration).</summary>
    public bool StopsAttempts => Outcome is LoginOutcome.LockoutGuardStopped or LoginOutcome.NoHandler or LoginOutcome.ConfigurationError;
}
