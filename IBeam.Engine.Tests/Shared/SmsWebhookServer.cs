using System.Net.Http.Headers;
using System.Net.Http.Json;
using IBeam.Engine.Hosting;
using IBeam.Engine.TwoFactor;
using Microsoft.Extensions.DependencyInjection;

namespace IBeam.Engine.Tests.Shared;

/// <summary>
/// IBeam's own HTTP server of an engine, started for SMS_WEBHOOK, and the calls an SMS provider
/// makes to it: Twilio's signed form post and the generic JSON post with the shared secret.
/// </summary>
public sealed class SmsWebhookServer : IAsyncDisposable
{
    public const string AuthToken = "twilio-test-auth-token";
    public const string Secret = "shared-webhook-secret";
    public const string PublicUrl = "https://ibeam.example.com/webhooks/sms/twilio";

    private readonly InboundServer _server;

    private SmsWebhookServer(InboundServer server) => _server = server;

    public HttpClient Http { get; } = new();

    public Uri Address => _server.Address!;

    /// <summary>The settings of an engine whose handler is SMS_WEBHOOK with both routes configured.</summary>
    public static (string Key, string? Value)[] Settings(params (string Key, string? Value)[] more) =>
    [
        ("IBEAM_TWO_FA_HANDLER", "SMS_WEBHOOK"), ("IBEAM_SMS_WEBHOOK_TWILIO_AUTH_TOKEN", AuthToken), ("IBEAM_SMS_WEBHOOK_PUBLIC_URL", PublicUrl),
        ("IBEAM_SMS_WEBHOOK_SECRET", Secret), ("IBEAM_HEALTH_SERVER_PORT", "0"), .. more,
    ];

    public static async Task<SmsWebhookServer> StartAsync(EngineHarness engine)
    {
        var server = ActivatorUtilities.CreateInstance<InboundServer>(engine.Services);
        await server.StartAsync(CancellationToken.None);
        return new SmsWebhookServer(server);
    }

    /// <summary>The form Twilio posts for a message.</summary>
    public static Dictionary<string, string> Form(string body, string messageSid) => new()
    {
        ["MessageSid"] = messageSid,
        ["From"] = "+15005550006",
        ["To"] = "+15005550001",
        ["Body"] = body,
    };

    public async Task<HttpResponseMessage> PostTwilioAsync(Dictionary<string, string> form, bool sign, string token = AuthToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, SmsWebhookEndpoints.TwilioRoute)) { Content = new FormUrlEncodedContent(form) };
        if (sign)
        {
            request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(token, PublicUrl, form));
        }

        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostJsonAsync(string body, string? secret, string? id = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, SmsWebhookEndpoints.JsonRoute))
        {
            Content = JsonContent.Create(new { body, from = "+15005550006", id }),
        };
        if (secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
    }
}
