using IBeam.Engine.Login;
using Microsoft.Extensions.Logging;

namespace IBeam.Engine.Maintenance;

/// <summary>Maintenance events, one source-generated method each.</summary>
internal static partial class MaintenanceLog
{
    [LoggerMessage(LogLevel.Information, "Maintenance ({Trigger}): {Status}")]
    public static partial void PassStarted(ILogger logger, LoginTrigger trigger, string status);

    [LoggerMessage(LogLevel.Information, "Gateway running and authenticated")]
    public static partial void Healthy(ILogger logger);

    [LoggerMessage(LogLevel.Error, "Cannot communicate with the gateway at {BaseUrl}: {Error}. If it is starting, consider raising IBEAM_GATEWAY_STARTUP")]
    public static partial void GatewayDown(ILogger logger, Uri baseUrl, string error);

    [LoggerMessage(LogLevel.Information, "Strategy {Strategy}: {Step}")]
    public static partial void StrategyStep(ILogger logger, string strategy, string step);

    [LoggerMessage(LogLevel.Information, "Login attempt {Attempt} of at most {Max} ({Trigger})")]
    public static partial void LoginAttempt(ILogger logger, int attempt, int max, LoginTrigger trigger);

    [LoggerMessage(LogLevel.Information, "Login finished: {Outcome}")]
    public static partial void LoginFinished(ILogger logger, LoginOutcome outcome);

    [LoggerMessage(LogLevel.Information, "Login finished: {Outcome} ({Error})")]
    public static partial void LoginFinishedWithError(ILogger logger, LoginOutcome outcome, string error);

    [LoggerMessage(LogLevel.Information, "Gateway logout {Confirmed}")]
    public static partial void LoggedOut(ILogger logger, bool confirmed);

    [LoggerMessage(LogLevel.Information, "Reauthentication requested (accepted: {Accepted})")]
    public static partial void Reauthenticating(ILogger logger, bool accepted);

    [LoggerMessage(LogLevel.Information, "Reauthenticate round {Round} of {Max}")]
    public static partial void ReauthenticateRound(ILogger logger, int round, int max);

    [LoggerMessage(LogLevel.Error, "The session is still not authenticated after {Rounds} reauthenticate rounds ({Status}); restarting the gateway")]
    public static partial void RestoreFailed(ILogger logger, int rounds, string status);

    [LoggerMessage(LogLevel.Error, "The session is still not authenticated after {Rounds} reauthenticate rounds ({Status}); IBeam does not manage this gateway (IBEAM_GATEWAY_DIR is unset), so it is not restarted and the next pass tries again")]
    public static partial void RestoreFailedUnmanaged(ILogger logger, int rounds, string status);

    [LoggerMessage(LogLevel.Information, "Brokerage session initialised: {Initialised}")]
    public static partial void Initialised(ILogger logger, bool initialised);

    [LoggerMessage(LogLevel.Information, "SSO session valid: {Valid} (user {User}, expires in {Seconds} s)")]
    public static partial void Validated(ILogger logger, bool valid, string user, double seconds);

    [LoggerMessage(LogLevel.Error, "Maintenance pass failed")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Critical, "The maintenance loop ended with an unhandled exception: no more maintenance until IBeam is restarted (/livez now answers 500)")]
    public static partial void LoopDied(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "The gateway's answer says nothing about the session ({Error}); nothing attempted, trying again at the next pass")]
    public static partial void RetryLater(ILogger logger, string error);

    [LoggerMessage(LogLevel.Warning, "Attempts are stopped: {Reason}")]
    public static partial void AttemptsStopped(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "Maintenance {State} by {Operator}")]
    public static partial void ActiveChanged(ILogger logger, string state, string @operator);

    [LoggerMessage(LogLevel.Information, "Next maintenance in {Seconds} s")]
    public static partial void NextPass(ILogger logger, double seconds);
}
