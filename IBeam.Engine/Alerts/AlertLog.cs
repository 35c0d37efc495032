using Microsoft.Extensions.Logging;

namespace IBeam.Engine.Alerts;

internal static partial class AlertLog
{
    [LoggerMessage(LogLevel.Information, "Alert {Event} sent to {Host} (HTTP {Status})")]
    public static partial void Sent(ILogger logger, string @event, string host, int status);

    [LoggerMessage(LogLevel.Warning, "Alert {Event} could not be sent to {Host}: {Reason}")]
    public static partial void Failed(ILogger logger, string @event, string host, string reason);

    [LoggerMessage(LogLevel.Debug, "Alert {Event} not sent: IBEAM_ALERT_WEBHOOK_URL is not set")]
    public static partial void NotConfigured(ILogger logger, string @event);
}
