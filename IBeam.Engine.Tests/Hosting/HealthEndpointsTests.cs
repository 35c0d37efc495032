using System.Net;
using IBeam.Engine.Hosting;
using IBeam.Engine.Login;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Operators;
using IBeam.Engine.Sandbox;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace IBeam.Engine.Tests.Hosting;

/// <summary>The health server's probes and actions, over real HTTP against the engine's own server.</summary>
public sealed class HealthEndpointsTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private const string Token = "health-test-api-token";

    [Fact]
    public async Task Livez_answers_OK_until_the_maintenance_loop_dies_then_500()
    {
        await using var engine = Engine(fixture.Fresh());
        await using var server = await HealthServer.StartAsync(engine);
        Assert.Equal((HttpStatusCode.OK, "OK"), await server.CallAsync(HttpMethod.Get, HealthEndpoints.LiveRoute));

        // A lock-out guard that cannot be read kills the loop before its first pass: outside a pass, nothing catches it.
        var loop = ActivatorUtilities.CreateInstance<MaintenanceService>(engine.Services, new UnreadableGuard());
        await loop.StartAsync(CancellationToken.None);
        var dead = await engine.Get<EngineState>().WaitForAsync(s => s.FatalError is not null);

        Assert.Equal((HttpStatusCode.InternalServerError, "Internal Error"), await server.CallAsync(HttpMethod.Get, HealthEndpoints.LiveRoute));
        Assert.Equal(EnginePhase.Failed, dead.Phase);
        Assert.Contains("The maintenance loop ended with an unhandled exception", engine.Logs.Text);
        await Assert.ThrowsAsync<InvalidOperationException>(() => loop.ExecuteTask!);
    }

    [Fact]
    public async Task Readyz_answers_503_until_the_gateway_is_authenticated_then_200()
    {
        var sandbox = fixture.Fresh();
        await using var engine = Engine(sandbox);
        await using var server = await HealthServer.StartAsync(engine);
        var before = await server.CallAsync(HttpMethod.Get, HealthEndpoints.ReadyRoute);

        sandbox.OpenSession();
        Assert.True(await engine.Get<Authenticator>().MaintainAsync(LoginTrigger.Maintenance, CancellationToken.None));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Not Ready"), before);
        Assert.Equal((HttpStatusCode.OK, "OK"), await server.CallAsync(HttpMethod.Get, HealthEndpoints.ReadyRoute));
    }

    [Fact]
    public async Task With_a_token_set_the_actions_need_it_from_every_caller_and_are_audited()
    {
        await using var engine = Engine(fixture.Fresh(), ("IBEAM_API_TOKEN", Token));
        await using var server = await HealthServer.StartAsync(engine);
        var state = engine.Get<EngineState>();

        var missing = await server.CallAsync(HttpMethod.Get, HealthEndpoints.ActivateRoute);
        var wrong = await server.CallAsync(HttpMethod.Get, HealthEndpoints.ActivateRoute, token: Token + "x");
        var shorter = await server.CallAsync(HttpMethod.Post, HealthEndpoints.DeactivateRoute, token: "health");
        Assert.False(state.Current.Active);

        var activated = await server.CallAsync(HttpMethod.Get, HealthEndpoints.ActivateRoute, token: Token);
        Assert.True(state.Current.Active);
        var deactivated = await server.CallAsync(HttpMethod.Post, HealthEndpoints.DeactivateRoute, token: Token);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], new[] { missing, wrong, shorter }.Select(r => r.Status));
        Assert.Equal((HttpStatusCode.OK, "Activated"), activated);
        Assert.Equal((HttpStatusCode.OK, "Deactivated"), deactivated);
        Assert.Equal(EnginePhase.Inactive, state.Current.Phase);
        Assert.False(state.Current.Active);
        var audited = await engine.Get<OperatorAudit>().RecentAsync(10);
        Assert.Equal(
            [("Deactivate", "api", nameof(OperatorOrigin.Health), "127.0.0.1", true), ("Activate", "api", nameof(OperatorOrigin.Health), "127.0.0.1", true)],
            audited.Select(a => (a.Action, a.Operator, a.Origin, a.RemoteAddress, a.Succeeded)));
        Assert.DoesNotContain(Token, engine.Logs.Text);
    }

    [Fact]
    public async Task Without_a_token_the_actions_answer_loopback_callers_only()
    {
        await using var engine = Engine(fixture.Fresh());
        await using var server = await HealthServer.StartAsync(engine);
        var state = engine.Get<EngineState>();

        var remote = await server.CallAsync(HttpMethod.Get, HealthEndpoints.ActivateRoute, host: HealthServer.NonLoopbackAddress());
        Assert.False(state.Current.Active);
        var local = await server.CallAsync(HttpMethod.Post, HealthEndpoints.ActivateRoute);

        Assert.Equal(HttpStatusCode.Forbidden, remote.Status);
        Assert.Equal((HttpStatusCode.OK, "Activated"), local);
        Assert.True(state.Current.Active);
        Assert.Contains(await engine.Get<OperatorAudit>().RecentAsync(10), a => a is { Action: "Activate", Operator: "local", Succeeded: true });
    }

    [Fact]
    public async Task A_web_page_cannot_make_a_browser_deactivate_IBeam()
    {
        await using var engine = Engine(fixture.Fresh());
        await using var server = await HealthServer.StartAsync(engine);
        engine.Get<EngineControl>().Activate("test");

        var fromPage = await server.CallAsync(HttpMethod.Get, HealthEndpoints.DeactivateRoute, fetchSite: "cross-site");

        Assert.Equal(HttpStatusCode.Forbidden, fromPage.Status);
        Assert.True(engine.Get<EngineState>().Current.Active);
    }

    [Theory]
    [InlineData(null, null, "127.0.0.1", null, HealthAccessDecision.Loopback)]
    [InlineData(null, null, "::1", null, HealthAccessDecision.Loopback)]
    [InlineData(null, null, "::ffff:127.0.0.1", null, HealthAccessDecision.Loopback)]
    [InlineData(null, null, "10.0.0.7", null, HealthAccessDecision.Forbidden)]
    [InlineData(null, "Bearer anything", "10.0.0.7", null, HealthAccessDecision.Forbidden)]
    [InlineData(null, null, "127.0.0.1", "cross-site", HealthAccessDecision.Forbidden)]
    [InlineData(null, null, "127.0.0.1", "none", HealthAccessDecision.Loopback)]
    [InlineData(Token, null, "127.0.0.1", null, HealthAccessDecision.Unauthorized)]
    [InlineData(Token, "Bearer " + Token, "10.0.0.7", null, HealthAccessDecision.Token)]
    [InlineData(Token, "bearer " + Token, "10.0.0.7", null, HealthAccessDecision.Token)]
    [InlineData(Token, "Basic " + Token, "10.0.0.7", null, HealthAccessDecision.Unauthorized)]
    [InlineData(Token, "Bearer " + Token + "0", "127.0.0.1", null, HealthAccessDecision.Unauthorized)]
    [InlineData(Token, "Bearer " + Token, "127.0.0.1", "same-site", HealthAccessDecision.Forbidden)]
    public void The_access_rule(string? configured, string? authorization, string remote, string? fetchSite, HealthAccessDecision expected) =>
        Assert.Equal(expected, HealthAccess.Decide(configured, authorization, IPAddress.Parse(remote), fetchSite));

    private static EngineHarness Engine(SandboxGateway sandbox, params (string, string?)[] settings) =>
        EngineHarness.Create(EngineHarness.Defaults(sandbox), [("IBEAM_HEALTH_SERVER_PORT", "0"), .. settings]);

    private sealed class UnreadableGuard : ILockoutGuard
    {
        public LockoutState Current => throw new InvalidOperationException("the guard's store is gone");

        public ValueTask<SubmissionTicket> BeginSubmissionAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask SettleSucceededAsync(SubmissionTicket ticket, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask SettleFailedAsync(SubmissionTicket ticket, string reason, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask SettleNotCountedAsync(SubmissionTicket ticket, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask ResetAsync(string operatorName, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
