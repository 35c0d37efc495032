using IBeam.Engine.Login;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Sandbox;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;
using IBeam.Engine.TwoFactor;

namespace IBeam.Engine.Tests.TwoFactor;

/// <summary>
/// GOOGLE_MSG end to end: the login page in one Chromium, the sandbox's Google Messages for web in
/// another with a profile beside the database, the phone played through the sandbox's control API.
/// </summary>
public sealed class GoogleMessagesHandlerTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_first_login_shows_the_QR_code_and_once_scanned_types_the_code_and_marks_the_message_read()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, MessagesPhone.Settings(sandbox));
        var progress = new RecordingProgress();

        var login = engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);
        var pairing = await progress.PairingShown.Task.WaitAsync(Patience);
        Assert.Equal(GoogleMessagesHandler.HandlerName, pairing.Handler);
        Assert.StartsWith("https://support.google.com/messages/", pairing.QrPayload);
        Assert.Null(pairing.Screenshot);
        await MessagesPhone.ScanAsync(sandbox, pairing.QrPayload);
        var result = await login;

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Equal(1, sandbox.State.Counters.CodeSubmissions);
        Assert.True(Assert.Single(sandbox.State.Inbox).Read);
        Assert.Null(progress.Pairings[^1]); // taken away once paired
        Assert.True(Directory.Exists(Path.Combine(Path.GetDirectoryName(engine.Options.Storage.DatabasePath)!, GoogleMessagesHandler.ProfileFolderName)));
    }

    [Fact]
    public async Task A_second_login_with_the_same_profile_needs_no_pairing()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, MessagesPhone.Settings(sandbox));
        var first = new RecordingProgress();
        var login = engine.Get<LoginFlow>().RunAsync(first, CancellationToken.None);
        await MessagesPhone.ScanAsync(sandbox, (await first.PairingShown.Task.WaitAsync(Patience)).QrPayload);
        Assert.Equal(LoginOutcome.Succeeded, (await login).Outcome);

        var second = new RecordingProgress();
        var result = await engine.Get<LoginFlow>().RunAsync(second, CancellationToken.None);

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.DoesNotContain(second.Pairings, view => view is not null);
        Assert.Single(sandbox.State.MessagesWeb.PairedClients);
        Assert.Equal(2, sandbox.State.Inbox.Count(m => m.Read));
    }

    [Fact]
    public async Task Account_pairing_shows_a_screenshot_of_the_page_in_the_engine_state()
    {
        var sandbox = fixture.Fresh(s => s with { MessagesAccountPairing = true });
        await using var engine = EngineHarness.Create(sandbox, MessagesPhone.Settings(sandbox, ("IBEAM_GOOG_PAGE_LOAD_TIMEOUT", "2")));
        var state = engine.Get<EngineState>();

        var maintain = engine.Get<Authenticator>().MaintainAsync(LoginTrigger.Maintenance, CancellationToken.None);
        await Eventually.HoldsAsync(() => state.Current.TwoFactor?.Pairing is not null, "a pairing view is published", Patience);
        var pairing = state.Current.TwoFactor!.Pairing!;
        Assert.Null(pairing.QrPayload);
        Assert.True(pairing.Screenshot is [0x89, (byte)'P', (byte)'N', (byte)'G', ..] && pairing.Screenshot.Length > 1000, "a PNG of the page");
        await MessagesPhone.ScanAsync(sandbox);

        Assert.True(await maintain);
        Assert.Null(state.Current.TwoFactor);
        Assert.True(Assert.Single(sandbox.State.Inbox).Read);
    }

    [Fact]
    public async Task An_unread_code_from_before_the_login_is_ignored_until_the_new_one_arrives()
    {
        var sandbox = fixture.Fresh(s => s with { HoldSms = true });
        var stale = sandbox.State.ReceiveSms("IBKR", "Your requested authentication code: 111111", TimeSpan.FromMinutes(10));
        await using var engine = EngineHarness.Create(sandbox, MessagesPhone.Settings(sandbox));
        var progress = new RecordingProgress();

        var login = engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);
        await MessagesPhone.ScanAsync(sandbox, (await progress.PairingShown.Task.WaitAsync(Patience)).QrPayload);
        // The new SMS arrives only once the handler has seen the old one and passed it over.
        await Eventually.HoldsAsync(() => engine.Logs.Text.Contains("Ignored an unread IBKR message shown as \"10 min\""), "the old code is ignored", Patience);
        Assert.Equal(1, sandbox.State.ReleaseSms());
        var result = await login;

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Equal(0, sandbox.State.Counters.TotalFailures);
        Assert.False(sandbox.State.Inbox.Single(m => m.Id == stale.Id).Read);
        Assert.True(sandbox.State.Inbox.Single(m => m.Id != stale.Id).Read);
    }

    [Fact]
    public async Task A_click_that_does_not_mark_the_message_read_is_tried_again()
    {
        var sandbox = fixture.Fresh(s => s with { MessagesIgnoredClicks = 1 });
        await using var engine = EngineHarness.Create(sandbox, MessagesPhone.Settings(sandbox));
        var progress = new RecordingProgress();

        var login = engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);
        await MessagesPhone.ScanAsync(sandbox, (await progress.PairingShown.Task.WaitAsync(Patience)).QrPayload);
        var result = await login;

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.True(Assert.Single(sandbox.State.Inbox).Read);
        Assert.Contains("not marked read by click 1 of 5", engine.Logs.Text);
    }

    [Fact]
    public async Task Nobody_pairing_ends_the_wait_at_the_pairing_timeout_with_nothing_typed()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, MessagesPhone.Settings(sandbox, ("IBEAM_GOOG_PAIRING_TIMEOUT", "1")));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.HandlerFailed, result.Outcome);
        Assert.Contains("IBEAM_GOOG_PAIRING_TIMEOUT", result.Error);
        Assert.Equal(0, sandbox.State.Counters.CodeSubmissions);
        Assert.Empty(sandbox.State.MessagesWeb.PairedClients);
    }

    [Fact]
    public async Task The_log_names_the_page_and_never_the_code_or_the_pairing_payload()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, MessagesPhone.Settings(sandbox));
        var progress = new RecordingProgress();

        var login = engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);
        var pairing = await progress.PairingShown.Task.WaitAsync(Patience);
        await MessagesPhone.ScanAsync(sandbox, pairing.QrPayload);
        Assert.Equal(LoginOutcome.Succeeded, (await login).Outcome);

        var code = Assert.Single(sandbox.State.Inbox).Text[^6..];
        Assert.Contains("GOOGLE_MSG: Google Messages for web at " + sandbox.ControlUrl, engine.Logs.Text);
        Assert.DoesNotContain(code, engine.Logs.Text);
        Assert.DoesNotContain(pairing.QrPayload!, engine.Logs.Text);
    }
}
