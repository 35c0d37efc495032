using IBeam.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.TwoFactor;

/// <summary>
/// SMS_WEBHOOK: the SMS provider posts each message to IBeam's own server (Twilio's signed form
/// post, or a generic JSON body with a shared secret); the code is taken from the first IBKR
/// message that arrives after the page asked for it.
/// </summary>
public sealed class SmsWebhookHandler(SmsInbox inbox, IOptionsMonitor<IBeamOptions> options) : ITwoFactorHandler
{
    public const string HandlerName = "SMS_WEBHOOK";

    private SmsWebhookOptions Settings => options.CurrentValue.SmsWebhook;

    public string Name => HandlerName;

    public TimeSpan Timeout => Settings.Timeout;

    public string Describe()
    {
        var routes = new List<string>();
        if (Settings.TwilioAuthToken is not null)
        {
            routes.Add($"Twilio at {Settings.PublicUrl?.GetLeftPart(UriPartial.Path) ?? SmsWebhookEndpoints.TwilioRoute}");
        }

        if (Settings.Secret is not null)
        {
            routes.Add($"JSON at {SmsWebhookEndpoints.JsonRoute}");
        }

        return $"{HandlerName}: waiting up to {Timeout.TotalSeconds:0} s for the SMS ({string.Join("; ", routes)}) on port {options.CurrentValue.Inbound.Port}";
    }

    public IEnumerable<string> Validate(IBeamOptions options)
    {
        var webhook = options.SmsWebhook;
        if (webhook.Secret is null && webhook.TwilioAuthToken is null)
        {
            yield return "SMS_WEBHOOK needs IBEAM_SMS_WEBHOOK_TWILIO_AUTH_TOKEN (Twilio) or IBEAM_SMS_WEBHOOK_SECRET (generic JSON webhook), or both.";
        }

        if (webhook.TwilioAuthToken is not null && webhook.PublicUrl is null)
        {
            yield return "IBEAM_SMS_WEBHOOK_PUBLIC_URL must be set with IBEAM_SMS_WEBHOOK_TWILIO_AUTH_TOKEN: Twilio signs the URL it posts to.";
        }
    }

    public async Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken) =>
        await inbox.WaitForCodeAsync(request.RequestedAt, cancellationToken);
}
