using IBeam.Engine.Login;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Sandbox;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Maintenance;

/// <summary>
/// Strategy A: a browser login whenever the session is not healthy (after a logout when it
/// competes); if that login leaves the session unauthenticated, a reauthentication, and with
/// IBEAM_RESTART_FAILED_SESSIONS a logout and one more login.
/// </summary>
public sealed class StrategyATests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    // A session the sandbox opens but whose brokerage side would take ten minutes to authenticate.
    private const int NeverInThisTest = 600_000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_logs_in_whether_there_is_no_session_or_one_merely_not_authenticated(bool sessionPresent)
    {
        var sandbox = fixture.Fresh();
        await using var engine = StrategyA(sandbox);
        var before = sandbox.State.Counters;
        if (sessionPresent)
        {
            // Strategy B would only reauthenticate this session; A logs in anyway.
            before = sandbox.OpenSession();
            sandbox.State.DropBrokerage();
        }

        var authenticated = await PassAsync(engine);

        Assert.True(authenticated);
        // Status reads: the pass's first and one after the login. A does not call ssodh/init.
        Assert.Equal(SandboxSessions.OneLogin() with { Tickles = 2 }, sandbox.State.Counters.Since(before));
        AssertAuthenticated(engine.Get<EngineState>().Current, sandbox);
        Assert.NotNull(engine.Get<EngineState>().Current.LastSuccessAt);
    }

    [Fact]
    public async Task A_competing_session_is_logged_out_before_the_browser_login()
    {
        var sandbox = fixture.Fresh();
        await using var engine = StrategyA(sandbox);
        var before = sandbox.OpenSession();
        var competingId = sandbox.State.Session!.Id;
        sandbox.State.MakeCompeting();

        var authenticated = await PassAsync(engine);

        Assert.True(authenticated);
        Assert.Equal(SandboxSessions.OneLogin() with { Logouts = 1, Tickles = 2 }, sandbox.State.Counters.Since(before));
        Assert.NotEqual(competingId, sandbox.State.Session!.Id);
        var lines = engine.Logs.Lines;
        Assert.True(Sequences.LineOf(lines, "Gateway logout") < Sequences.LineOf(lines, "Login attempt 1"), "the logout must come before the login");
        AssertAuthenticated(engine.Get<EngineState>().Current, sandbox);
    }

    [Fact]
    public async Task A_healthy_gateway_is_only_validated()
    {
        var sandbox = fixture.Fresh();
        await using var engine = StrategyA(sandbox);
        var before = sandbox.OpenSession();

        var authenticated = await PassAsync(engine);

        Assert.True(authenticated);
        Assert.Equal(new SandboxCounters { Validations = 1, Tickles = 1 }, sandbox.State.Counters.Since(before));
        AssertAuthenticated(engine.Get<EngineState>().Current, sandbox);
    }

    [Fact]
    public async Task A_login_that_leaves_the_session_unauthenticated_is_followed_by_a_reauthentication()
    {
        const int checks = 3;
        var sandbox = fixture.Fresh(s => s with { BrokerageDelayMs = NeverInThisTest });
        await using var engine = StrategyA(sandbox, ("IBEAM_MAX_STATUS_CHECK_RETRIES", checks.ToString()));

        var authenticated = await PassAsync(engine);

        Assert.True(authenticated);
        // After the login the status is checked IBEAM_MAX_STATUS_CHECK_RETRIES times; once after the
        // reauthentication, which authenticates the sandbox's session at once.
        Assert.Equal(SandboxSessions.OneLogin() with { Reauthentications = 1, Tickles = 1 + checks + 1 }, sandbox.State.Counters);
        AssertAuthenticated(engine.Get<EngineState>().Current, sandbox);
    }

    [Fact]
    public async Task A_session_that_stays_unauthenticated_is_logged_out_and_started_over_once()
    {
        var sandbox = fixture.Fresh(s => s with { BrokerageDelayMs = NeverInThisTest, ReauthenticateFails = true });
        await using var engine = StrategyA(sandbox, ("IBEAM_RESTART_FAILED_SESSIONS", "true"), ("IBEAM_MAX_STATUS_CHECK_RETRIES", "3"));

        var authenticated = await PassAsync(engine);

        Assert.False(authenticated);
        Assert.Equal(SandboxSessions.OneLogin(logins: 2) with { Reauthentications = 2, Logouts = 1 },
            sandbox.State.Counters with { Tickles = 0 });
        var lines = engine.Logs.Lines;
        var first = Sequences.LineOf(lines, "Login attempt 1");
        var startOver = Sequences.LineOf(lines, "starting over (IBEAM_RESTART_FAILED_SESSIONS)", first);
        Sequences.LineOf(lines, "Gateway logout", startOver);
        Sequences.LineOf(lines, "Login attempt 1", startOver);
        AssertNotAuthenticated(engine.Get<EngineState>().Current);
        AssertGaveUpOnce(engine.Get<EngineState>().Current);
    }

    [Fact]
    public async Task Without_restart_failed_sessions_A_gives_up_after_one_reauthentication()
    {
        var sandbox = fixture.Fresh(s => s with { BrokerageDelayMs = NeverInThisTest, ReauthenticateFails = true });
        await using var engine = StrategyA(sandbox, ("IBEAM_RESTART_FAILED_SESSIONS", "false"), ("IBEAM_MAX_STATUS_CHECK_RETRIES", "3"));

        var authenticated = await PassAsync(engine);

        Assert.False(authenticated);
        Assert.Equal(SandboxSessions.OneLogin() with { Reauthentications = 1 }, sandbox.State.Counters with { Tickles = 0 });
        Assert.DoesNotContain("starting over", engine.Logs.Text);
        AssertNotAuthenticated(engine.Get<EngineState>().Current);
        AssertGaveUpOnce(engine.Get<EngineState>().Current);
    }

    /// <summary>The one give-up of the pass is published for the alerts (A never restarts the gateway).</summary>
    private static void AssertGaveUpOnce(EngineSnapshot snapshot) =>
        Assert.Equal(new { Number = 1, Strategy = "A", GatewayRestarted = false },
            snapshot.LastRestoreFailure is { } f ? new { f.Number, f.Strategy, f.GatewayRestarted } : null);

    /// <summary>An engine on strategy A; waits kept short (IBEAM_REAUTHENTICATE_WAIT=1).</summary>
    private static EngineHarness StrategyA(SandboxGateway sandbox, params (string Key, string? Value)[] settings) =>
        EngineHarness.Create(sandbox, [("IBEAM_AUTHENTICATION_STRATEGY", "A"), ("IBEAM_REAUTHENTICATE_WAIT", "1"), ("IBEAM_RESTART_WAIT", "1"), .. settings]);

    private static Task<bool> PassAsync(EngineHarness engine) =>
        engine.Get<Authenticator>().MaintainAsync(LoginTrigger.Maintenance, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(120));

    private static void AssertAuthenticated(EngineSnapshot snapshot, SandboxGateway sandbox)
    {
        Assert.Equal(EnginePhase.Authenticated, snapshot.Phase);
        Assert.True(snapshot.Gateway.IsHealthy);
        Assert.Equal(sandbox.State.Session!.Id, snapshot.Gateway.SessionId);
        Assert.Null(snapshot.LastError);
        Assert.Null(snapshot.StopReason);
        Assert.Null(snapshot.LastRestoreFailure);
    }

    private static void AssertNotAuthenticated(EngineSnapshot snapshot)
    {
        // The login itself succeeded, so this is not a failure of the login but of the session.
        Assert.Equal(EnginePhase.NotAuthenticated, snapshot.Phase);
        Assert.True(snapshot.Gateway is { Running: true, Session: true, Authenticated: false });
        Assert.Contains("NOT AUTHENTICATED", snapshot.LastError);
        Assert.Null(snapshot.LastSuccessAt);
        Assert.Null(snapshot.StopReason);
    }
}
