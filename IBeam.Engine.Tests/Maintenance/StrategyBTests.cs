using IBeam.Engine.Login;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Sandbox;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Maintenance;

/// <summary>
/// Strategy B (IBeam's default), one maintenance pass per fault the sandbox plays: what the pass
/// did to the gateway, read from the sandbox's counters, and what the engine published after it.
/// Counters are compared as whole records, so "nothing else happened" is part of each assertion.
/// </summary>
public sealed class StrategyBTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Without_a_session_a_browser_login_opens_one_and_the_brokerage_session_is_initialised(bool noSessionAs200)
    {
        // The gateway says "no session" as 401 or as 200 {"error":"no session"}; both must lead to a login.
        var sandbox = fixture.Fresh(s => s with { NoSessionAs200 = noSessionAs200 });
        await using var engine = EngineHarness.Create(sandbox);
        await using var recorder = await SnapshotRecorder.StartAsync(engine.Get<EngineState>());

        var authenticated = await PassAsync(engine);

        Assert.True(authenticated);
        // Two status reads: the pass's first, and the confirmation that found the session authenticated.
        Assert.Equal(SandboxSessions.OneLogin() with { Initialisations = 1, Tickles = 2 }, sandbox.State.Counters);
        var snapshot = engine.Get<EngineState>().Current;
        AssertAuthenticated(snapshot, sandbox);
        Assert.NotNull(snapshot.LastSuccessAt);
        var phases = await recorder.PhasesAsync();
        Sequences.AssertInOrder(phases, EnginePhase.CheckingStatus, EnginePhase.LoggingIn, EnginePhase.AwaitingTwoFactor, EnginePhase.Authenticated);
        Assert.DoesNotContain(EnginePhase.Reauthenticating, phases);
    }

    [Fact]
    public async Task A_competing_session_is_logged_out_then_reauthenticated_without_a_browser_login()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox);
        var before = sandbox.OpenSession();
        var sessionId = sandbox.State.Session!.Id;
        sandbox.State.MakeCompeting();

        var authenticated = await PassAsync(engine);

        // Had the logout come after the reauthentication, the session would have been left logged out and
        // needed a second reauthenticate round: exactly one reauthentication also says the order was right.
        Assert.True(authenticated);
        Assert.Equal(new SandboxCounters { Logouts = 1, Reauthentications = 1, Initialisations = 1, Tickles = 2 }, sandbox.State.Counters.Since(before));
        Assert.Equal(sessionId, sandbox.State.Session!.Id);
        Assert.False(sandbox.State.Session.Competing);
        AssertAuthenticated(engine.Get<EngineState>().Current, sandbox);
    }

    [Fact]
    public async Task A_dropped_brokerage_session_is_reauthenticated_without_a_logout()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox);
        var before = sandbox.OpenSession();
        sandbox.State.DropBrokerage();
        await using var recorder = await SnapshotRecorder.StartAsync(engine.Get<EngineState>());

        var authenticated = await PassAsync(engine);

        Assert.True(authenticated);
        Assert.Equal(new SandboxCounters { Reauthentications = 1, Initialisations = 1, Tickles = 2 }, sandbox.State.Counters.Since(before));
        AssertAuthenticated(engine.Get<EngineState>().Current, sandbox);
        var phases = await recorder.PhasesAsync();
        Sequences.AssertInOrder(phases, EnginePhase.CheckingStatus, EnginePhase.Reauthenticating, EnginePhase.Authenticated);
        Assert.DoesNotContain(EnginePhase.LoggingIn, phases);
    }

    [Fact]
    public async Task An_expired_session_is_replaced_by_a_browser_login()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox);
        var before = sandbox.OpenSession();
        var expiredId = sandbox.State.Session!.Id;
        sandbox.State.ExpireSession();

        var authenticated = await PassAsync(engine);

        Assert.True(authenticated);
        Assert.Equal(SandboxSessions.OneLogin() with { Initialisations = 1, Tickles = 2 }, sandbox.State.Counters.Since(before));
        Assert.NotEqual(expiredId, sandbox.State.Session!.Id);
        AssertAuthenticated(engine.Get<EngineState>().Current, sandbox);
    }

    [Fact]
    public async Task A_healthy_gateway_is_only_validated()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox);
        var before = sandbox.OpenSession();
        var sessionId = sandbox.State.Session!.Id;
        await using var recorder = await SnapshotRecorder.StartAsync(engine.Get<EngineState>());

        var authenticated = await PassAsync(engine);

        Assert.True(authenticated);
        Assert.Equal(new SandboxCounters { Validations = 1, Tickles = 1 }, sandbox.State.Counters.Since(before));
        Assert.Equal(sessionId, sandbox.State.Session!.Id);
        AssertAuthenticated(engine.Get<EngineState>().Current, sandbox);
        Assert.Equal([EnginePhase.Starting, EnginePhase.CheckingStatus, EnginePhase.Authenticated], await recorder.PhasesAsync());
        Assert.Contains("SSO session valid: True (user sandboxuser", engine.Logs.Text);
    }

    [Fact]
    public async Task A_gateway_that_is_down_ends_the_pass_unreachable_without_a_login()
    {
        var sandbox = fixture.Fresh(s => s with { Down = true });
        await using var engine = EngineHarness.Create(sandbox);

        var authenticated = await PassAsync(engine);

        Assert.False(authenticated);
        Assert.DoesNotContain("Login attempt", engine.Logs.Text); // no browser is started against a gateway that does not answer
        var snapshot = engine.Get<EngineState>().Current;
        Assert.Equal(EnginePhase.GatewayUnreachable, snapshot.Phase);
        Assert.False(snapshot.Gateway.Running);
        Assert.Contains(sandbox.GatewayUrl.Authority, snapshot.LastError);
    }

    [Theory]
    [InlineData("500", "500")]
    [InlineData("503", "503")]
    [InlineData("garbage", "unreadable")]
    public async Task A_gateway_answering_errors_fails_the_pass_quietly_and_a_pass_after_the_fault_clears_is_authenticated(string fault, string reported)
    {
        // "Quietly": the pass returns an answer (it does not throw) and publishes what the gateway said.
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox);
        sandbox.OpenSession();
        sandbox.State.SetScenario(s => s with { Fail500 = fault == "500", Fail503 = fault == "503", GarbageJson = fault == "garbage" });

        var during = await PassAsync(engine);

        Assert.False(during);
        Assert.DoesNotContain("Login attempt", engine.Logs.Text); // an answer that says nothing about the session is no reason to log in
        Assert.True(engine.Get<EngineState>().Current.Gateway.RetryLater);
        var snapshot = engine.Get<EngineState>().Current;
        Assert.Equal(EnginePhase.NotAuthenticated, snapshot.Phase);
        Assert.True(snapshot.Gateway.Running); // it answered, only not usefully
        Assert.Contains(reported, snapshot.LastError);

        sandbox.State.SetScenario(s => s with { Fail500 = false, Fail503 = false, GarbageJson = false });
        var after = await PassAsync(engine);

        Assert.True(after);
        AssertAuthenticated(engine.Get<EngineState>().Current, sandbox);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task When_reauthentication_never_takes_the_pass_gives_up_after_the_configured_rounds(int rounds)
    {
        const int checks = 2;
        var sandbox = fixture.Fresh(s => s with { ReauthenticateFails = true });
        await using var engine = EngineHarness.Create(sandbox,
            ("IBEAM_MAX_STATUS_CHECK_RETRIES", checks.ToString()),
            ("IBEAM_MAX_REAUTHENTICATE_RETRIES", rounds.ToString()));
        var before = sandbox.OpenSession();
        sandbox.State.DropBrokerage();
        await using var recorder = await SnapshotRecorder.StartAsync(engine.Get<EngineState>());

        var authenticated = await PassAsync(engine);

        Assert.False(authenticated);
        // A round is one reauthenticate request (the strategy's own is the first) and its status checks;
        // one more check opened the pass. No logout, no login, no ssodh/init of a session that is not authenticated.
        Assert.Equal(new SandboxCounters { Reauthentications = rounds, Tickles = 1 + (rounds * checks) }, sandbox.State.Counters.Since(before));
        var snapshot = engine.Get<EngineState>().Current;
        Assert.Equal(EnginePhase.NotAuthenticated, snapshot.Phase);
        Assert.True(snapshot.Gateway is { Running: true, Session: true, Authenticated: false });
        Assert.Contains("NOT AUTHENTICATED", snapshot.LastError);

        // IBEAM_GATEWAY_DIR is unset: the gateway is not IBeam's to restart, and the log must not claim it is.
        Assert.DoesNotContain(EnginePhase.RestartingGateway, await recorder.PhasesAsync());
        Assert.DoesNotContain("restarting the gateway", engine.Logs.Text);
        Assert.Contains($"after {rounds} reauthenticate rounds", engine.Logs.Text);

        // The give-up is published once, for the alerts.
        Assert.Equal(new { Number = 1, Strategy = "B", GatewayRestarted = false, Status = "NOT AUTHENTICATED" },
            snapshot.LastRestoreFailure is { } f ? new { f.Number, f.Strategy, f.GatewayRestarted, f.Status } : null);
    }

    private static Task<bool> PassAsync(EngineHarness engine) =>
        engine.Get<Authenticator>().MaintainAsync(LoginTrigger.Maintenance, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(120));

    private static void AssertAuthenticated(EngineSnapshot snapshot, SandboxGateway sandbox)
    {
        Assert.Equal(EnginePhase.Authenticated, snapshot.Phase);
        Assert.True(snapshot.Gateway.IsHealthy);
        Assert.Equal(sandbox.State.Session!.Id, snapshot.Gateway.SessionId);
        Assert.Null(snapshot.LastError);
        Assert.Null(snapshot.Attempt);
        Assert.Null(snapshot.TwoFactor);
        Assert.Null(snapshot.StopReason);
        Assert.Null(snapshot.LastRestoreFailure);
    }
}
