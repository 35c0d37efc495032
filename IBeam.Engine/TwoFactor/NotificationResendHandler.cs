using IBeam.Engine.Configuration;
using IBeam.Engine.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.TwoFactor;

/// <summary>
/// NOTIFICATION_RESEND: for IB Key push notifications, which are approved on the phone and need no
/// code. The login flow does the work (<see cref="IPushNotificationHandler"/>): while the page has
/// not succeeded it presses the page's resend link every IBEAM_NOTIFICATION_RESEND_INTERVAL seconds,
/// up to IBEAM_NOTIFICATION_RESEND_RETRIES times, as IBeam's handler of the same name does.
/// </summary>
public sealed class NotificationResendHandler(IOptionsMonitor<IBeamOptions> options, ILogger<NotificationResendHandler> logger)
    : ITwoFactorHandler, IPushNotificationHandler
{
    public const string HandlerName = "NOTIFICATION_RESEND";

    private NotificationResendOptions Settings => options.CurrentValue.NotificationResend;

    public string Name => HandlerName;

    /// <summary>Asked for a code it answers at once: it has none.</summary>
    public TimeSpan Timeout => TimeSpan.FromSeconds(5);

    public int ResendRetries => Settings.Retries;

    public TimeSpan ResendInterval => Settings.Interval;

    public string Describe() =>
        $"{HandlerName}: types no code; waits for the IB Key approval on the phone, resending the notification up to {ResendRetries} times, every {ResendInterval.TotalSeconds:0.#} s";

    /// <summary>
    /// Null: this handler never has a code. The page asks for one only when the account's device is
    /// not IB Key (or another device was chosen), which the log line says how to fix.
    /// </summary>
    public Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken)
    {
        EngineLog.NotificationResendAskedForCode(logger, request.Device ?? "the account's device");
        return Task.FromResult<string?>(null);
    }
}
