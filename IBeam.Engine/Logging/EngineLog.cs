using Microsoft.Extensions.Logging;

namespace IBeam.Engine.Logging;

/// <summary>
/// The engine's key events, one source-generated method each (eShop's OrderingApiTrace). None
/// takes a password or a whole 2FA code: codes appear masked, credentials not at all.
/// </summary>
internal static partial class EngineLog
{
    // The GOOGLE_MSG handler. The pairing payload and the message's text are never logged: they are a pairing secret and a code.
    [LoggerMessage(LogLevel.Warning, "Google Messages for web is not paired ({How}); what to do is in IBeam's live state (2FA wait, pairing). Waiting up to {Seconds} s (IBEAM_GOOG_PAIRING_TIMEOUT)")]
    public static partial void GoogleMessagesNotPaired(ILogger logger, string how, double seconds);

    [LoggerMessage(LogLevel.Information, "Google Messages for web is paired")]
    public static partial void GoogleMessagesPaired(ILogger logger);

    [LoggerMessage(LogLevel.Debug, "Ticked 'remember this computer' on Google Messages for web, so that the pairing survives restarts")]
    public static partial void GoogleMessagesRememberTicked(ILogger logger);

    [LoggerMessage(LogLevel.Information, "Ignored an unread IBKR message shown as \"{Time}\": it arrived before the 2FA step")]
    public static partial void GoogleMessagesStaleIgnored(ILogger logger, string time);

    [LoggerMessage(LogLevel.Warning, "The message was not marked read by click {Attempt} of {Max}: {Reason}")]
    public static partial void GoogleMessagesClickDidNotTake(ILogger logger, int attempt, int max, string reason);

    [LoggerMessage(LogLevel.Warning, "The message stays unread on the phone: {Max} clicks did not mark it read (IBEAM_GOOG_MESSAGE_CLICK_RETRIES)")]
    public static partial void GoogleMessagesNotMarkedRead(ILogger logger, int max);

    // Gateway API and process
    [LoggerMessage(LogLevel.Debug, "Gateway not reachable at {Route}: {Message}")]
    public static partial void GatewayUnreachable(ILogger logger, string route, string message);

    [LoggerMessage(LogLevel.Warning, "Gateway gave no answer at {Route} within {Seconds} s; consider raising IBEAM_REQUEST_TIMEOUT")]
    public static partial void GatewayTimedOut(ILogger logger, string route, double seconds);

    [LoggerMessage(LogLevel.Error, "Gateway answer from {Route} could not be read: {Message}")]
    public static partial void GatewayAnswerUnreadable(ILogger logger, string route, string message);

    [LoggerMessage(LogLevel.Warning, "Gateway refused {Route} with HTTP {StatusCode}")]
    public static partial void GatewayCallRefused(ILogger logger, string route, int statusCode);

    [LoggerMessage(LogLevel.Information, "Installed {File} from the inputs folder into {Root}")]
    public static partial void GatewayInputInstalled(ILogger logger, string file, string root);

    [LoggerMessage(LogLevel.Information, "Gateway process already running (pid {Pids}); waiting for it to answer")]
    public static partial void GatewayProcessFound(ILogger logger, string pids);

    [LoggerMessage(LogLevel.Warning, "Stopping the gateway (pid {Pids})")]
    public static partial void GatewayKilling(ILogger logger, string pids);

    [LoggerMessage(LogLevel.Warning, "The gateway cannot be restarted: IBEAM_GATEWAY_DIR is not set, so IBeam does not manage its process")]
    public static partial void GatewayNotManaged(ILogger logger);

    [LoggerMessage(LogLevel.Information, "Gateway started (pid {Pid}) from {Directory}; its output goes to {LogFile}")]
    public static partial void GatewayStarted(ILogger logger, int pid, string directory, string logFile);

    [LoggerMessage(LogLevel.Information, "Gateway answers: {Label}")]
    public static partial void GatewayAnswering(ILogger logger, string label);

    [LoggerMessage(LogLevel.Error, "Gateway did not answer within {Seconds} s of starting; consider raising IBEAM_GATEWAY_STARTUP")]
    public static partial void GatewayStartupTimedOut(ILogger logger, double seconds);

    // Lock-out guard
    [LoggerMessage(LogLevel.Warning, "Failed submission {Failed} of at most {Max} in a row ({Reason})")]
    public static partial void SubmissionFailed(ILogger logger, int failed, int max, string reason);

    [LoggerMessage(LogLevel.Critical, "######## ATTENTION ######## {Failed} consecutive failed logins reached IBEAM_MAX_FAILED_AUTH={Max}. IBeam stops logging in to keep IBKR from locking the account. Check the credentials by logging in once by hand, then reset the counter.")]
    public static partial void LockoutGuardStopped(ILogger logger, int failed, int max);

    [LoggerMessage(LogLevel.Warning, "Lock-out counter reset by {Operator} (was {Previous})")]
    public static partial void LockoutGuardReset(ILogger logger, string @operator, int previous);

    // Login
    [LoggerMessage(LogLevel.Debug, "Chromium started: {Executable} {Version}")]
    public static partial void BrowserLaunched(ILogger logger, string executable, string version);

    [LoggerMessage(LogLevel.Error, "The login page failed: {Message}")]
    public static partial void LoginPageFault(ILogger logger, string message);

    [LoggerMessage(LogLevel.Information, "Credentials submitted (login page v{Generation})")]
    public static partial void CredentialsSubmitted(ILogger logger, int generation);

    [LoggerMessage(LogLevel.Information, "Login page says: Client login succeeds")]
    public static partial void LoginSucceeded(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "Live/paper mismatch, switching mode and submitting again: {Text}")]
    public static partial void ModeMismatch(ILogger logger, string text);

    [LoggerMessage(LogLevel.Information, "Waiting up to {Seconds} s for the push notification to be approved on the phone")]
    public static partial void AwaitingPush(ILogger logger, double seconds);

    [LoggerMessage(LogLevel.Critical, "######## ATTENTION ######## The gateway asks for a 2FA code but IBEAM_TWO_FA_HANDLER is not set. IBeam stops logging in until a handler is configured; see the README's 'Two-factor handlers'.")]
    public static partial void NoHandler(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "2FA handler {Handler} gave no code; asking the fallback {Fallback} while the page waits")]
    public static partial void FallingBack(ILogger logger, string handler, string fallback);

    [LoggerMessage(LogLevel.Information, "Push notification not approved yet: resending ({Resend} of {Max})")]
    public static partial void ResendingNotification(ILogger logger, int resend, int max);

    [LoggerMessage(LogLevel.Information, "The page shows no resend link (the approval may have just arrived); waiting on")]
    public static partial void ResendLinkGone(ILogger logger);

    [LoggerMessage(LogLevel.Information, "2FA code from {Source} submitted")]
    public static partial void CodeSubmitted(ILogger logger, string source);

    [LoggerMessage(LogLevel.Error, "Login page shows an error: {Text}")]
    public static partial void PageShowedError(ILogger logger, string text);

    [LoggerMessage(LogLevel.Information, "Screenshot of the failed login saved to {Path}")]
    public static partial void ScreenshotSaved(ILogger logger, string path);

    [LoggerMessage(LogLevel.Warning, "Screenshot of the failed login could not be saved: {Message}")]
    public static partial void ScreenshotFailed(ILogger logger, string message);

    // Two-factor
    [LoggerMessage(LogLevel.Information, "Asking for the 2FA code: {Description}")]
    public static partial void AskingHandler(ILogger logger, string description);

    [LoggerMessage(LogLevel.Error, "2FA handler {Handler} gave no code within {Seconds} s; it was abandoned")]
    public static partial void HandlerTimedOut(ILogger logger, string handler, double seconds);

    [LoggerMessage(LogLevel.Error, "2FA handler {Handler} failed: {ExceptionType}: {Message}")]
    public static partial void HandlerFailed(ILogger logger, string handler, string exceptionType, string message);

    [LoggerMessage(LogLevel.Error, "2FA code from {Handler} refused: {Reason}")]
    public static partial void CodeRefused(ILogger logger, string handler, string reason);

    [LoggerMessage(LogLevel.Information, "2FA code {MaskedCode} obtained from {Handler}")]
    public static partial void CodeObtained(ILogger logger, string handler, string maskedCode);

    [LoggerMessage(LogLevel.Error, "2FA code request answered HTTP {StatusCode} from {Url}")]
    public static partial void ExternalRequestFailed(ILogger logger, int statusCode, string url);

    [LoggerMessage(LogLevel.Information, "TOTP code expires in {Left} s, within the {Buffer} s buffer (IBEAM_TOTP_EXPIRY_BUFFER_SECONDS): waiting for the next one")]
    public static partial void TotpWaitingForNextPeriod(ILogger logger, double left, double buffer);

    [LoggerMessage(LogLevel.Warning, "The page asks for a code from {Device}, but NOTIFICATION_RESEND only waits for IB Key push approvals; set IBEAM_TWO_FA_SELECT_TARGET to IB Key, or choose a handler that gives codes")]
    public static partial void NotificationResendAskedForCode(ILogger logger, string device);
}
