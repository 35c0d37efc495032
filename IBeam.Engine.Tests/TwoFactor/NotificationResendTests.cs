using IBeam.Engine.Login;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.TwoFactor;

/// <summary>NOTIFICATION_RESEND in real Chromium: the page's resend link pressed until the phone approves.</summary>
public sealed class NotificationResendTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_phone_that_approves_after_two_resends_completes_the_login()
    {
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.Push, PushApproveAfterMs = null, PushApproveAfterResends = 2 });
        await using var engine = Resending(sandbox, retries: 5);
        var progress = new RecordingProgress();

        var result = await engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Equal(2, sandbox.State.Counters.PushResends);
        Assert.Equal(0, sandbox.State.Counters.CodeSubmissions);
        Assert.True(progress.AwaitedPush); // the dashboard says: approve the notification on your phone
        Assert.Contains("resending (2 of 5)", engine.Logs.Text);
    }

    [Fact]
    public async Task IB_Key_chosen_from_the_device_list_is_resent_too()
    {
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.Choice, PushApproveAfterMs = null, PushApproveAfterResends = 1 });
        await using var engine = Resending(sandbox, retries: 3);

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Equal(1, sandbox.State.Counters.PushResends);
    }

    [Fact]
    public async Task A_notification_never_approved_times_out_after_the_resends_without_counting_a_failure()
    {
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.Push, PushApproveAfterMs = null });
        await using var engine = Resending(sandbox, retries: 2, interval: "1");

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.TwoFactorTimeout, result.Outcome);
        Assert.Equal(2, sandbox.State.Counters.PushResends);
        Assert.Contains("IBEAM_NOTIFICATION_RESEND_RETRIES", result.Error);
        Assert.Contains("IBEAM_NOTIFICATION_RESEND_INTERVAL", result.Error);
        Assert.False(result.CountedAsFailure);
        Assert.Equal(0, sandbox.State.Counters.TotalFailures);
        Assert.Equal(0, engine.Get<ILockoutGuard>().Current.FailedSubmissions);
    }

    [Fact]
    public async Task A_code_prompt_gets_no_code_from_it_and_the_log_says_what_to_change()
    {
        var sandbox = fixture.Fresh(); // an SMS code, not a push
        await using var engine = Resending(sandbox, retries: 2);

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.HandlerFailed, result.Outcome);
        Assert.Equal(0, sandbox.State.Counters.CodeSubmissions);
        Assert.Contains("IBEAM_TWO_FA_SELECT_TARGET", engine.Logs.Text);
    }

    /// <summary>NOTIFICATION_RESEND; the interval leaves the page time to show success after an approval on a busy machine.</summary>
    private static EngineHarness Resending(SandboxGateway sandbox, int retries, string interval = "2") =>
        EngineHarness.Create(sandbox,
            ("IBEAM_TWO_FA_HANDLER", "NOTIFICATION_RESEND"),
            ("IBEAM_NOTIFICATION_RESEND_RETRIES", retries.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("IBEAM_NOTIFICATION_RESEND_INTERVAL", interval));
}
