using IBeam.Engine.Login;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Login;

/// <summary>Each path through the login page, driven in real headless Chromium against the sandbox over HTTPS.</summary>
public sealed class LoginFlowTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_code_from_an_external_request_completes_the_login()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox);
        var progress = new RecordingProgress();

        var result = await engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Equal(1, sandbox.State.Counters.SuccessfulLogins);
        Assert.Equal(1, sandbox.State.Counters.CodeSubmissions);
        Assert.NotNull(sandbox.State.Session);
        Assert.Equal(
            [LoginStep.Starting, LoginStep.BrowserLaunched, LoginStep.PageLoaded, LoginStep.CredentialsSubmitted, LoginStep.TwoFactorRequested, LoginStep.HandlerAsked,
             LoginStep.CodeObtained, LoginStep.CodeSubmitted, LoginStep.Finished],
            progress.Steps);
        Assert.Equal(0, engine.Get<ILockoutGuard>().Current.FailedSubmissions);
    }

    [Fact]
    public async Task The_2022_login_page_is_recognised_by_its_user_name_field()
    {
        var sandbox = fixture.Fresh(s => s with { PageVersion = 1 });
        await using var engine = EngineHarness.Create(sandbox);

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Contains("v1", engine.Logs.Text.Replace("page v1", "v1"));
    }

    [Theory]
    [InlineData("bronze")]
    [InlineData("gold")]
    [InlineData("temp")]
    [InlineData("app")]
    public async Task Every_known_code_input_is_found_without_configuration(string input)
    {
        var sandbox = fixture.Fresh(s => s with { CodeInput = input });
        await using var engine = EngineHarness.Create(sandbox);

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
    }

    [Fact]
    public async Task A_user_without_second_factor_logs_in_with_credentials_alone()
    {
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.None });
        await using var engine = EngineHarness.Create(sandbox);
        var progress = new RecordingProgress();

        var result = await engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.DoesNotContain(LoginStep.TwoFactorRequested, progress.Steps);
    }

    [Fact]
    public async Task The_IB_Key_promotion_is_skipped()
    {
        var sandbox = fixture.Fresh(s => s with { Promotion = true });
        await using var engine = EngineHarness.Create(sandbox);
        var progress = new RecordingProgress();

        var result = await engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Contains(LoginStep.PromotionSkipped, progress.Steps);
        Assert.NotNull(sandbox.State.Session); // the sandbox opens the session only once the promotion is skipped
    }

    [Fact]
    public async Task The_device_named_by_the_select_target_is_chosen_before_the_code()
    {
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.Choice });
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_TWO_FA_SELECT_TARGET", "SMS"));
        var progress = new RecordingProgress();

        var result = await engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Contains(LoginStep.DeviceChosen, progress.Steps);
        Assert.Equal("SMS", progress.Details[progress.Steps.ToList().IndexOf(LoginStep.DeviceChosen)]);
        Assert.Equal(1, sandbox.State.Counters.CodeSubmissions);
    }

    [Fact]
    public async Task Choosing_IB_Key_waits_for_the_push_approval_and_types_nothing()
    {
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.Choice, PushApproveAfterMs = null });
        await using var engine = EngineHarness.Create(sandbox);
        var progress = new RecordingProgress();

        // Approved only once the engine says it waits, so a busy machine cannot make the approval come first.
        var login = engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);
        await progress.AwaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(sandbox.State.ApprovePush());
        var result = await login;

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Contains(LoginStep.AwaitingPushApproval, progress.Steps);
        Assert.Equal(0, sandbox.State.Counters.CodeSubmissions);
    }

    [Fact]
    public async Task A_push_notification_approved_on_the_phone_completes_the_login()
    {
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.Push, PushApproveAfterMs = null });
        await using var engine = EngineHarness.Create(sandbox);
        var progress = new RecordingProgress();

        var login = engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);
        await progress.AwaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("push notification", progress.AwaitedHandler);
        Assert.True(sandbox.State.ApprovePush());
        var result = await login;

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
    }

    [Fact]
    public async Task A_push_nobody_approves_times_out_without_counting_as_a_failure()
    {
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.Push, PushApproveAfterMs = null });
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_OAUTH_TIMEOUT", "2"));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.TwoFactorTimeout, result.Outcome);
        Assert.False(result.CountedAsFailure);
        Assert.Equal(0, engine.Get<ILockoutGuard>().Current.FailedSubmissions);
    }

    [Fact]
    public async Task A_paper_user_in_live_mode_is_switched_to_paper_and_submitted_again()
    {
        var sandbox = fixture.Fresh(s => s with { PaperUser = true });
        await using var engine = EngineHarness.Create(sandbox);
        var progress = new RecordingProgress();

        var result = await engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Contains(LoginStep.PaperModeSet, progress.Steps);
        Assert.Equal(2, sandbox.State.Counters.CredentialSubmissions);
        Assert.Equal(0, sandbox.State.Counters.TotalFailures);
    }

    [Fact]
    public async Task With_the_paper_account_setting_the_toggle_is_set_before_the_first_submission()
    {
        var sandbox = fixture.Fresh(s => s with { PaperUser = true });
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_USE_PAPER_ACCOUNT", "true"));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Equal(1, sandbox.State.Counters.CredentialSubmissions);
    }

    [Fact]
    public async Task A_wrong_password_is_reported_and_counted()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_PASSWORD", "not-the-password"));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.InvalidCredentials, result.Outcome);
        Assert.True(result.CountedAsFailure);
        Assert.Contains("Invalid username password combination", result.Error);
        Assert.DoesNotContain("not-the-password", result.Error);
        Assert.Equal(1, engine.Get<ILockoutGuard>().Current.FailedSubmissions);
        Assert.Equal(1, sandbox.State.Counters.ConsecutiveFailures);
    }

    [Fact]
    public async Task A_rejected_code_is_reported_and_counted()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_EXTERNAL_REQUEST_URL", new Uri(sandbox.ControlUrl, "/sandbox/echo?body=000000").ToString()));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.CodeRejected, result.Outcome);
        Assert.True(result.CountedAsFailure);
        Assert.Equal(1, sandbox.State.Counters.CodeSubmissions);
        Assert.Equal(1, sandbox.State.Counters.ConsecutiveFailures);
        Assert.Equal(1, engine.Get<ILockoutGuard>().Current.FailedSubmissions);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public async Task A_malformed_code_is_never_typed(string junk)
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_EXTERNAL_REQUEST_URL", new Uri(sandbox.ControlUrl, $"/sandbox/echo?body={junk}").ToString()));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.HandlerFailed, result.Outcome);
        Assert.False(result.CountedAsFailure);
        Assert.Equal(0, sandbox.State.Counters.CodeSubmissions);
        Assert.Contains("not 6 digits", result.Error);
        Assert.Equal(0, engine.Get<ILockoutGuard>().Current.FailedSubmissions);
    }

    [Fact]
    public async Task A_handler_that_hangs_is_abandoned_at_its_timeout()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox,
            ("IBEAM_EXTERNAL_REQUEST_URL", new Uri(sandbox.ControlUrl, "/sandbox/echo?body=123456&delayMs=60000").ToString()),
            ("IBEAM_EXTERNAL_REQUEST_TIMEOUT", "1"));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.TwoFactorTimeout, result.Outcome);
        Assert.Equal(0, sandbox.State.Counters.CodeSubmissions);
    }

    [Fact]
    public async Task A_handler_answering_an_HTTP_error_gives_no_code()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_EXTERNAL_REQUEST_URL", new Uri(sandbox.ControlUrl, "/sandbox/echo?body=123456&status=500").ToString()));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.HandlerFailed, result.Outcome);
        Assert.Equal(0, sandbox.State.Counters.CodeSubmissions);
    }

    [Fact]
    public async Task Without_a_handler_the_login_stops_and_says_how_to_configure_one()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_TWO_FA_HANDLER", null));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.NoHandler, result.Outcome);
        Assert.True(result.StopsAttempts);
        Assert.Contains("IBEAM_TWO_FA_HANDLER", result.Error);
    }

    [Fact]
    public async Task A_renamed_user_name_field_fails_with_the_variable_to_set()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_USER_NAME_EL", "NAME@@login_name"), ("IBEAM_PAGE_LOAD_TIMEOUT", "1"));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.PageTimeout, result.Outcome);
        Assert.Contains("IBEAM_USER_NAME_EL", result.Error);
        Assert.Equal(0, sandbox.State.Counters.CredentialSubmissions);
    }

    [Fact]
    public async Task An_overridden_code_input_is_used()
    {
        var sandbox = fixture.Fresh(s => s with { CodeInput = "gold" });
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_TWO_FA_INPUT_EL_ID", "ID@@xyz-field-gold-response"));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
    }

    [Fact]
    public async Task A_gateway_that_is_down_is_reported_as_unreachable()
    {
        var sandbox = fixture.Fresh(s => s with { Down = true });
        await using var engine = EngineHarness.Create(sandbox);

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.GatewayUnreachable, result.Outcome);
        Assert.False(result.CountedAsFailure);
    }

    [Fact]
    public async Task A_failed_login_leaves_a_screenshot_when_asked()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_PASSWORD", "wrong-password"), ("IBEAM_ERROR_SCREENSHOTS", "true"));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.InvalidCredentials, result.Outcome);
        Assert.NotNull(result.Screenshot);
        Assert.True(new FileInfo(result.Screenshot).Length > 1000);
        Assert.StartsWith(Path.Combine(engine.Folder, "outputs"), result.Screenshot);
    }

    [Fact]
    public async Task A_cancelled_login_closes_the_browser_and_counts_nothing()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_EXTERNAL_REQUEST_URL", new Uri(sandbox.ControlUrl, "/sandbox/echo?body=1&delayMs=60000").ToString()));
        var progress = new RecordingProgress();
        using var cancel = new CancellationTokenSource();

        var login = engine.Get<LoginFlow>().RunAsync(progress, cancel.Token);
        await progress.AwaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        var result = await login.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(LoginOutcome.Cancelled, result.Outcome);
        Assert.Equal(0, engine.Get<ILockoutGuard>().Current.FailedSubmissions);
    }
}
