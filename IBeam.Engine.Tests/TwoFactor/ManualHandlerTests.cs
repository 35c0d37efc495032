using IBeam.Engine.Configuration;
using IBeam.Engine.Login;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;
using IBeam.Engine.TwoFactor;

namespace IBeam.Engine.Tests.TwoFactor;

/// <summary>MANUAL and the fallback: an operator's code, handed to a login that waits for it.</summary>
public sealed class ManualHandlerTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task An_operators_code_completes_the_login_and_a_second_one_is_told_it_came_too_late()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_TWO_FA_HANDLER", "MANUAL"));
        var inbox = engine.Get<ManualCodeInbox>();
        var progress = new RecordingProgress();

        var login = engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);
        await Eventually(() => inbox.IsAwaiting);
        Assert.Equal("MANUAL", progress.AwaitedHandler);
        var first = inbox.Submit(CodeOnThePhone(sandbox), "alice");
        var second = inbox.Submit(CodeOnThePhone(sandbox), "bob");
        var result = await login;

        Assert.Equal((ManualSubmission.Accepted, ManualSubmission.AlreadyTaken), (first.Outcome, second.Outcome));
        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Equal(1, sandbox.State.Counters.CodeSubmissions);
        Assert.Contains(engine.Logs.Lines, l => l.Contains("submitted by alice", StringComparison.Ordinal));
        Assert.DoesNotContain(CodeOnThePhone(sandbox), engine.Logs.Text);
    }

    [Fact]
    public async Task A_malformed_code_is_refused_and_the_login_keeps_waiting()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_TWO_FA_HANDLER", "MANUAL"));
        var inbox = engine.Get<ManualCodeInbox>();
        var progress = new RecordingProgress();

        var login = engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);
        await Eventually(() => inbox.IsAwaiting);
        var malformed = inbox.Submit("12 34", "alice");
        Assert.True(inbox.IsAwaiting);
        var accepted = inbox.Submit($"  {CodeOnThePhone(sandbox)}\n", "alice");

        Assert.Equal(ManualSubmission.Malformed, malformed.Outcome);
        Assert.Contains("still waits", malformed.Message);
        Assert.True(accepted.Accepted);
        Assert.Equal(LoginOutcome.Succeeded, (await login).Outcome);
        Assert.Equal(1, sandbox.State.Counters.CodeSubmissions);
    }

    [Fact]
    public void A_code_nobody_waits_for_is_refused()
    {
        var inbox = new ManualCodeInbox(new StaticOptions(new IBeamOptions()), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ManualCodeInbox>.Instance);

        var result = inbox.Submit("123456", "alice");

        Assert.Equal(ManualSubmission.NotAwaited, result.Outcome);
        Assert.Contains("No login is waiting", result.Message);
    }

    [Fact]
    public async Task Nobody_typing_a_code_ends_the_login_at_the_manual_timeout()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_TWO_FA_HANDLER", "MANUAL"), ("IBEAM_MANUAL_TWO_FA_TIMEOUT", "1"));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.TwoFactorTimeout, result.Outcome);
        Assert.False(engine.Get<ManualCodeInbox>().IsAwaiting);
        Assert.Equal(0, sandbox.State.Counters.CodeSubmissions);
    }

    [Theory]
    [InlineData("/sandbox/echo?body=123456&status=500")] // answers an error
    [InlineData("/sandbox/echo?body=12a456")] // answers junk
    [InlineData("/sandbox/echo?body=123456&delayMs=60000")] // hangs past its timeout
    public async Task When_the_handler_gives_no_code_the_same_login_waits_for_the_fallback(string primary)
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox,
            ("IBEAM_EXTERNAL_REQUEST_URL", new Uri(sandbox.ControlUrl, primary).ToString()),
            ("IBEAM_EXTERNAL_REQUEST_TIMEOUT", "2"),
            ("IBEAM_TWO_FA_FALLBACK", "MANUAL"));
        var progress = new RecordingProgress();

        var login = engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);
        var inbox = engine.Get<ManualCodeInbox>();
        await Eventually(() => inbox.IsAwaiting);
        Assert.True(inbox.Submit(CodeOnThePhone(sandbox), "alice").Accepted);
        var result = await login;

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Equal(["EXTERNAL_REQUEST", "MANUAL"], progress.Details.Where((_, i) => progress.Steps[i] == LoginStep.HandlerAsked));
        Assert.Equal((1, 1), (sandbox.State.Counters.CodeSubmissions, sandbox.State.Counters.SuccessfulLogins));
    }

    [Theory]
    [InlineData(true, null, "MANUAL")]
    [InlineData(false, null, null)]
    [InlineData(true, "NONE", null)]
    [InlineData(false, "manual", "MANUAL")]
    [InlineData(true, "EXTERNAL_REQUEST", "EXTERNAL_REQUEST")]
    public void The_fallback_is_manual_only_where_someone_can_type_a_code(bool webUi, string? setting, string? expected)
    {
        var options = new TwoFactorOptions { Fallback = setting };

        Assert.Equal(expected, options.EffectiveFallback(new EngineMode(RequiresCredentials: false, WebUi: webUi)));
    }

    private static string CodeOnThePhone(SandboxGateway sandbox) => sandbox.State.Inbox[^1].Text[^6..];

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");

            // The inbox has no event to await from a test; a short poll is fine here.
            await Task.Delay(20);
        }
    }
}
