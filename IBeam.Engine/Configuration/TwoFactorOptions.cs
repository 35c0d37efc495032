namespace IBeam.Engine.Configuration;

public sealed class TwoFactorOptions
{
    [Setting("IBEAM_TWO_FA_HANDLER", "Where the 2FA code comes from (for example EXTERNAL_REQUEST). Unset: no handler.")]
    public string? Handler { get; set; }

    [Setting("IBEAM_TWO_FA_FALLBACK", "Handler asked when the first one gives no code, while the page still waits for one. Unset: MANUAL when the web dashboard runs, none otherwise; NONE: no fallback.")]
    public string? Fallback { get; set; }

    [Setting("IBEAM_STRICT_TWO_FA_CODE", "Only type codes of exactly 6 digits.")]
    public bool StrictCode { get; set; } = true;

    [Setting("IBEAM_TWO_FA_SELECT_TARGET", "2FA device to choose, by its visible text, when the page offers a choice.")]
    public string SelectTarget { get; set; } = "IB Key";

    /// <summary>The fallback in force: the setting, else MANUAL where an operator can type a code (the web dashboard).</summary>
    public string? EffectiveFallback(EngineMode mode) => Fallback?.Trim().ToUpperInvariant() switch
    {
        "NONE" => null,
        null or "" => mode.WebUi ? "MANUAL" : null,
        var name => name,
    };
}

public sealed class ExternalRequestOptions
{
    [Setting("IBEAM_EXTERNAL_REQUEST_METHOD", "HTTP method of the request that fetches the code.")]
    public string Method { get; set; } = "GET";

    [Setting("IBEAM_EXTERNAL_REQUEST_URL", "URL that answers with the 2FA code as its body.")]
    public Uri? Url { get; set; }

    [Setting("IBEAM_EXTERNAL_REQUEST_TIMEOUT", "Seconds to wait for the code.", Min = 0.1)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(300);

    [Setting("IBEAM_EXTERNAL_REQUEST_PARAMS", "JSON object of query parameters.")]
    public IReadOnlyDictionary<string, string>? Params { get; set; }

    [Setting("IBEAM_EXTERNAL_REQUEST_DATA", "JSON object sent as form data.")]
    public IReadOnlyDictionary<string, string>? Data { get; set; }

    [Setting("IBEAM_EXTERNAL_REQUEST_HEADERS", "JSON object of request headers.", Secret = true)]
    public IReadOnlyDictionary<string, string>? Headers { get; set; }
}

public sealed class ManualCodeOptions
{
    [Setting("IBEAM_MANUAL_TWO_FA_TIMEOUT", "MANUAL: seconds to wait for an operator to type the code.", Min = 1)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(300);
}

public sealed class SmsWebhookOptions
{
    [Setting("IBEAM_SMS_WEBHOOK_SECRET", "SMS_WEBHOOK: shared secret of the generic JSON webhook (sent as 'Authorization: Bearer <secret>').", Secret = true)]
    public string? Secret { get; set; }

    [Setting("IBEAM_SMS_WEBHOOK_TWILIO_AUTH_TOKEN", "SMS_WEBHOOK: Twilio auth token, to check X-Twilio-Signature.", Secret = true)]
    public string? TwilioAuthToken { get; set; }

    [Setting("IBEAM_SMS_WEBHOOK_PUBLIC_URL", "SMS_WEBHOOK: the public URL Twilio posts to (…/webhooks/sms/twilio), part of what Twilio signs.")]
    public Uri? PublicUrl { get; set; }

    [Setting("IBEAM_SMS_WEBHOOK_TIMEOUT", "SMS_WEBHOOK: seconds to wait for the SMS.", Min = 1)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(300);
}

public sealed class InboundOptions
{
    [Setting("IBEAM_HEALTH_SERVER_PORT", "Port of IBeam's own HTTP server (health probes, SMS webhooks); it listens on every interface; 0 picks a free one.", Min = 0, Max = 65535, RequiresRestart = true)]
    public int Port { get; set; } = 5001;
}
