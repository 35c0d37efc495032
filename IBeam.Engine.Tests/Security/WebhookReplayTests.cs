using System.Net;
using IBeam.Engine.Login;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Security;

/// <summary>
/// A webhook call that is unsigned, wrongly signed, or a replay of one already taken never hands a
/// code to a login that waits: the rule "messages received before the 2FA step began are ignored"
/// does not cover a replay (it is received anew), so the server itself refuses what it has seen.
/// </summary>
public sealed class WebhookReplayTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    public static TheoryData<string> Routes => ["Twilio", "JSON with an id", "JSON without an id"];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_replayed_or_forged_message_hands_no_code_to_a_later_login(string route)
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(EngineHarness.Defaults(sandbox), SmsWebhookServer.Settings(("IBEAM_SMS_WEBHOOK_TIMEOUT", "3")));
        await using var server = await SmsWebhookServer.StartAsync(engine);
        var first = new RecordingProgress();
        var login = engine.Get<LoginFlow>().RunAsync(first, CancellationToken.None);
        await first.AwaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var taken = sandbox.State.Inbox[^1].Text;
        using var delivered = await PostAsync(server, route, taken, "SM-first");
        Assert.Equal(LoginOutcome.Succeeded, (await login).Outcome);

        var second = new RecordingProgress();
        var later = engine.Get<LoginFlow>().RunAsync(second, CancellationToken.None);
        await second.AwaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var current = sandbox.State.Inbox[^1].Text;
        using var replayed = await PostAsync(server, route, taken, "SM-first");
        using var unsigned = await PostAsync(server, route, current, "SM-second", sign: false);
        using var forged = await PostAsync(server, route, current, "SM-second", sign: false, forge: true);
        var result = await later;

        Assert.True(delivered.IsSuccessStatusCode);
        Assert.Equal(
            [HttpStatusCode.Conflict, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            new[] { replayed, unsigned, forged }.Select(r => r.StatusCode));
        Assert.Equal(LoginOutcome.TwoFactorTimeout, result.Outcome);
        Assert.Equal((1, 0), (sandbox.State.Counters.CodeSubmissions, sandbox.State.Counters.TotalFailures)); // nothing typed for the later login
    }

    /// <summary>The message as the route's provider posts it: signed (Twilio) or with the shared secret (JSON), unless told otherwise.</summary>
    private static Task<HttpResponseMessage> PostAsync(SmsWebhookServer server, string route, string body, string id, bool sign = true, bool forge = false) => route switch
    {
        "Twilio" => server.PostTwilioAsync(SmsWebhookServer.Form(body, id), sign || forge, forge ? "someone-elses-token" : SmsWebhookServer.AuthToken),
        _ => server.PostJsonAsync(body, secret: forge ? "a guess" : sign ? SmsWebhookServer.Secret : null, id: route == "JSON with an id" ? id : null),
    };
}
