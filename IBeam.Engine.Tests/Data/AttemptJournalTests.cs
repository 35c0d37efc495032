using IBeam.Engine.Data;
using IBeam.Engine.Login;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace IBeam.Engine.Tests.Data;

/// <summary>Each login is written to the history with its trigger, strategy, handler, steps and outcome.</summary>
public sealed class AttemptJournalTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_login_is_recorded_with_every_step_it_reached_and_its_outcome()
    {
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.Choice, Promotion = true });
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_TWO_FA_SELECT_TARGET", "SMS"));

        Assert.True(await engine.Get<Authenticator>().MaintainAsync(LoginTrigger.Startup, CancellationToken.None));

        await using var context = DatabaseStartup.CreateContext(engine.Get<DatabaseLocation>());
        var attempt = await context.Attempts.Include(a => a.Steps).SingleAsync();
        Assert.Equal((LoginTrigger.Startup, "B", "EXTERNAL_REQUEST", LoginOutcome.Succeeded, false), (attempt.Trigger, attempt.Strategy, attempt.Handler, attempt.Outcome, attempt.CountedAsFailure));
        Assert.Equal(
            [LoginStep.Starting, LoginStep.BrowserLaunched, LoginStep.PageLoaded, LoginStep.CredentialsSubmitted, LoginStep.DeviceChosen, LoginStep.TwoFactorRequested, LoginStep.HandlerAsked,
             LoginStep.CodeObtained, LoginStep.CodeSubmitted, LoginStep.PromotionSkipped, LoginStep.Finished],
            attempt.Steps.OrderBy(s => s.Id).Select(s => s.Step));
        Assert.Equal("SMS", attempt.Steps.Single(s => s.Step == LoginStep.DeviceChosen).Detail);
        Assert.True(attempt.EndedAt >= attempt.StartedAt);
        Assert.True(attempt.Steps.Zip(attempt.Steps.Skip(1)).All(p => p.First.At <= p.Second.At));
    }

    [Fact]
    public async Task A_failed_login_is_recorded_with_its_error_and_as_counted()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_PASSWORD", "wrong-password"), ("IBEAM_ERROR_SCREENSHOTS", "true"));

        Assert.False(await engine.Get<Authenticator>().MaintainAsync(LoginTrigger.Operator, CancellationToken.None));

        await using var context = DatabaseStartup.CreateContext(engine.Get<DatabaseLocation>());
        var attempt = await context.Attempts.SingleAsync();
        Assert.Equal((LoginTrigger.Operator, LoginOutcome.InvalidCredentials, true), (attempt.Trigger, attempt.Outcome, attempt.CountedAsFailure));
        Assert.Contains("Invalid username password combination", attempt.Error);
        Assert.True(File.Exists(attempt.Screenshot));
    }
}
