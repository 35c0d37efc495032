using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IBeam.Engine.Hosting;
using IBeam.Engine.Login;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;
using IBeam.Engine.TwoFactor;
using Microsoft.Extensions.DependencyInjection;

namespace IBeam.Engine.Tests.TwoFactor;

/// <summary>SMS_WEBHOOK: an SMS provider posts the message to IBeam's own HTTP server, over real HTTP.</summary>
public sealed class SmsWebhookTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private const string AuthToken = "twilio-test-auth-token";
    private const string Secret = "shared-webhook-secret";
    private const string PublicUrl = "https://ibeam.example.com/webhooks/sms/twilio";

    [Fact]
    public async Task A_signed_Twilio_message_completes_the_login()
    {
        var sandbox = fixture.Fresh();
        await using var engine = Engine(sandbox);
        await using var server = await StartServerAsync(engine);
        var progress = new RecordingProgress();

        var login = engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);
        await progress.AwaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var response = await PostTwilioAsync(server, Form(sandbox.State.Inbox[^1].Text, "SM0001"), sign: true);
        var result = await login;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Equal("SMS_WEBHOOK", progress.AwaitedHandler);
    }

    [Fact]
    public async Task Unsigned_wrongly_signed_and_replayed_Twilio_calls_are_refused()
    {
        await using var engine = Engine(fixture.Fresh());
        await using var server = await StartServerAsync(engine);
        var form = Form("Your requested authentication code: 123456", "SM0002");

        using var unsigned = await PostTwilioAsync(server, form, sign: false);
        using var wrong = await PostTwilioAsync(server, form, sign: true, token: "someone-elses-token");
        using var good = await PostTwilioAsync(server, form, sign: true);
        using var replay = await PostTwilioAsync(server, form, sign: true);

        Assert.Equal(
            [HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Conflict],
            new[] { unsigned, wrong, good, replay }.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task The_JSON_webhook_needs_the_shared_secret()
    {
        var sandbox = fixture.Fresh();
        await using var engine = Engine(sandbox);
        await using var server = await StartServerAsync(engine);
        var progress = new RecordingProgress();

        var login = engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);
        await progress.AwaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var body = sandbox.State.Inbox[^1].Text;
        using var missing = await PostJsonAsync(server, body, secret: null);
        using var wrong = await PostJsonAsync(server, body, secret: "guess");
        using var good = await PostJsonAsync(server, body, secret: Secret);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NoContent], new[] { missing, wrong, good }.Select(r => r.StatusCode));
        Assert.Equal(LoginOutcome.Succeeded, (await login).Outcome);
    }

    [Fact]
    public async Task A_message_received_before_the_code_was_asked_for_is_never_used()
    {
        var sandbox = fixture.Fresh();
        await using var engine = Engine(sandbox, ("IBEAM_SMS_WEBHOOK_TIMEOUT", "2"));
        await using var server = await StartServerAsync(engine);
        using var stale = await PostJsonAsync(server, "Your requested authentication code: 111111", Secret);

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(HttpStatusCode.NoContent, stale.StatusCode);
        Assert.Equal(LoginOutcome.TwoFactorTimeout, result.Outcome);
        Assert.Equal(0, sandbox.State.Counters.CodeSubmissions);
    }

    [Theory]
    [InlineData("Your requested authentication code: 289026", "289026")]
    [InlineData("IBKR: your requested Authentication Code is 004512.", "004512")]
    [InlineData("Your code is 123456", null)]
    [InlineData("Your requested authentication code: 12345", null)]
    public void The_code_is_taken_only_from_IBKRs_text(string body, string? code) => Assert.Equal(code, SmsInbox.ExtractCode(body));

    private static EngineHarness Engine(SandboxGateway sandbox, params (string, string?)[] settings) =>
        EngineHarness.Create(EngineHarness.Defaults(sandbox),
            [("IBEAM_TWO_FA_HANDLER", "SMS_WEBHOOK"), ("IBEAM_SMS_WEBHOOK_TWILIO_AUTH_TOKEN", AuthToken), ("IBEAM_SMS_WEBHOOK_PUBLIC_URL", PublicUrl),
             ("IBEAM_SMS_WEBHOOK_SECRET", Secret), ("IBEAM_HEALTH_SERVER_PORT", "0"), .. settings]);

    private static async Task<RunningServer> StartServerAsync(EngineHarness engine)
    {
        var server = ActivatorUtilities.CreateInstance<InboundServer>(engine.Services);
        await server.StartAsync(CancellationToken.None);
        return new RunningServer(server);
    }

    private static Dictionary<string, string> Form(string body, string messageSid) => new()
    {
        ["MessageSid"] = messageSid,
        ["From"] = "+15005550006",
        ["To"] = "+15005550001",
        ["Body"] = body,
    };

    private static async Task<HttpResponseMessage> PostTwilioAsync(RunningServer server, Dictionary<string, string> form, bool sign, string token = AuthToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, SmsWebhookEndpoints.TwilioRoute)) { Content = new FormUrlEncodedContent(form) };
        if (sign)
        {
            request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(token, PublicUrl, form));
        }

        return await server.Http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostJsonAsync(RunningServer server, string body, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, SmsWebhookEndpoints.JsonRoute))
        {
            Content = JsonContent.Create(new { body, from = "+15005550006" }),
        };
        if (secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return await server.Http.SendAsync(request);
    }

    private sealed class RunningServer(InboundServer server) : IAsyncDisposable
    {
        public HttpClient Http { get; } = new();

        public Uri Address => server.Address!;

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await server.StopAsync(CancellationToken.None);
            await server.DisposeAsync();
        }
    }
}
