using System.Net;
using IBeam.Engine.Login;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;
using IBeam.Engine.TwoFactor;

namespace IBeam.Engine.Tests.TwoFactor;

/// <summary>SMS_WEBHOOK: an SMS provider posts the message to IBeam's own HTTP server, over real HTTP.</summary>
public sealed class SmsWebhookTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private const string Secret = SmsWebhookServer.Secret;

    [Fact]
    public async Task A_signed_Twilio_message_completes_the_login()
    {
        var sandbox = fixture.Fresh();
        await using var engine = Engine(sandbox);
        await using var server = await SmsWebhookServer.StartAsync(engine);
        var progress = new RecordingProgress();

        var login = engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);
        await progress.AwaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var response = await server.PostTwilioAsync(SmsWebhookServer.Form(sandbox.State.Inbox[^1].Text, "SM0001"), sign: true);
        var result = await login;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Equal("SMS_WEBHOOK", progress.AwaitedHandler);
    }

    [Fact]
    public async Task Unsigned_wrongly_signed_and_replayed_Twilio_calls_are_refused()
    {
        await using var engine = Engine(fixture.Fresh());
        await using var server = await SmsWebhookServer.StartAsync(engine);
        var form = SmsWebhookServer.Form("Your requested authentication code: 123456", "SM0002");

        using var unsigned = await server.PostTwilioAsync(form, sign: false);
        using var wrong = await server.PostTwilioAsync(form, sign: true, token: "someone-elses-token");
        using var good = await server.PostTwilioAsync(form, sign: true);
        using var replay = await server.PostTwilioAsync(form, sign: true);

        Assert.Equal(
            [HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Conflict],
            new[] { unsigned, wrong, good, replay }.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task The_JSON_webhook_needs_the_shared_secret()
    {
        var sandbox = fixture.Fresh();
        await using var engine = Engine(sandbox);
        await using var server = await SmsWebhookServer.StartAsync(engine);
        var progress = new RecordingProgress();

        var login = engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);
        await progress.AwaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var body = sandbox.State.Inbox[^1].Text;
        using var missing = await server.PostJsonAsync(body, secret: null);
        using var wrong = await server.PostJsonAsync(body, secret: "guess");
        using var good = await server.PostJsonAsync(body, secret: Secret);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.NoContent], new[] { missing, wrong, good }.Select(r => r.StatusCode));
        Assert.Equal(LoginOutcome.Succeeded, (await login).Outcome);
    }

    [Fact]
    public async Task A_message_received_before_the_code_was_asked_for_is_never_used()
    {
        var sandbox = fixture.Fresh();
        await using var engine = Engine(sandbox, ("IBEAM_SMS_WEBHOOK_TIMEOUT", "2"));
        await using var server = await SmsWebhookServer.StartAsync(engine);
        using var stale = await server.PostJsonAsync("Your requested authentication code: 111111", Secret);

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
        EngineHarness.Create(EngineHarness.Defaults(sandbox), SmsWebhookServer.Settings(settings));
}
