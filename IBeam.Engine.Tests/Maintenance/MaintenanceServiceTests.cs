using IBeam.Engine.Maintenance;
using IBeam.Engine.Sandbox;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace IBeam.Engine.Tests.Maintenance;

/// <summary>
/// The hosted maintenance loop and the operator's controls over it. The interval is an hour
/// unless a test says otherwise, so every pass after the first is one the test caused.
/// </summary>
public sealed class MaintenanceServiceTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private const string AnHour = "3600";

    [Fact]
    public async Task Started_active_the_loop_runs_a_pass_at_once_and_schedules_the_next()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_START_ACTIVE", "true"), ("IBEAM_MAINTENANCE_INTERVAL", AnHour));
        var startedAt = DateTimeOffset.UtcNow;
        await using var loop = await RunningLoop.StartAsync(engine);

        var scheduled = await engine.Get<EngineState>().WaitForAsync(s => s.NextMaintenanceAt is not null);

        Assert.Equal(EnginePhase.Authenticated, scheduled.Phase);
        Assert.True(scheduled.Active);
        Assert.InRange(scheduled.NextMaintenanceAt!.Value, startedAt.AddHours(1), DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(1, sandbox.State.Counters.SuccessfulLogins);
        Assert.Contains("Login attempt 1 of at most 1 (Startup)", engine.Logs.Text);
    }

    [Fact]
    public async Task Started_inactive_the_loop_attempts_nothing_until_activated()
    {
        var sandbox = fixture.Fresh();
        // A one-second interval: were the loop to run passes while inactive, it would do so at once.
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_START_ACTIVE", "false"), ("IBEAM_MAINTENANCE_INTERVAL", "1"));
        var before = sandbox.OpenSession();
        await using var loop = await RunningLoop.StartAsync(engine);
        var state = engine.Get<EngineState>();

        var inactive = await state.WaitForAsync(s => s.Phase == EnginePhase.Inactive);
        Assert.False(inactive.Active);
        Assert.Null(inactive.NextMaintenanceAt);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // absence takes a wait to show: more than two intervals
        Assert.Equal(new SandboxCounters(), sandbox.State.Counters.Since(before));
        Assert.Equal(EnginePhase.Inactive, state.Current.Phase);

        engine.Get<EngineControl>().Activate("test operator");
        var active = await state.WaitForAsync(s => s is { Phase: EnginePhase.Authenticated, NextMaintenanceAt: not null });

        Assert.True(active.Active);
        Assert.True(sandbox.State.Counters.Since(before).Validations >= 1);
        Assert.Contains("Maintenance activated by test operator", engine.Logs.Text);
    }

    [Fact]
    public async Task Deactivating_logs_out_and_leaves_the_engine_inactive_even_when_woken()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_START_ACTIVE", "true"), ("IBEAM_MAINTENANCE_INTERVAL", AnHour));
        var before = sandbox.OpenSession();
        await using var loop = await RunningLoop.StartAsync(engine);
        var state = engine.Get<EngineState>();
        await state.WaitForAsync(s => s is { Phase: EnginePhase.Authenticated, NextMaintenanceAt: not null });
        var control = engine.Get<EngineControl>();

        await control.DeactivateAsync("test operator", CancellationToken.None);

        var snapshot = state.Current;
        Assert.Equal(EnginePhase.Inactive, snapshot.Phase);
        Assert.False(snapshot.Active);
        Assert.Null(snapshot.NextMaintenanceAt);
        Assert.Equal(1, sandbox.State.Counters.Since(before).Logouts);
        Assert.False(sandbox.State.Session!.Authenticated);

        // A wake-up while inactive must not run a pass.
        var counters = sandbox.State.Counters;
        control.Wake();
        await Task.Delay(TimeSpan.FromSeconds(1)); // absence takes a wait to show
        Assert.Equal(counters, sandbox.State.Counters);
        Assert.Equal(EnginePhase.Inactive, state.Current.Phase);
    }

    [Fact]
    public async Task A_wake_runs_a_pass_long_before_the_interval()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_START_ACTIVE", "true"), ("IBEAM_MAINTENANCE_INTERVAL", AnHour));
        var before = sandbox.OpenSession();
        await using var loop = await RunningLoop.StartAsync(engine);
        var state = engine.Get<EngineState>();
        var first = await state.WaitForAsync(s => s is { Phase: EnginePhase.Authenticated, NextMaintenanceAt: not null });
        Assert.Equal(new SandboxCounters { Tickles = 1, Validations = 1 }, sandbox.State.Counters.Since(before));

        sandbox.State.DropBrokerage();
        engine.Get<EngineControl>().Wake();

        // The pass is over when the loop schedules the next one again.
        var second = await state.WaitForAsync(s => s.NextMaintenanceAt > first.NextMaintenanceAt);
        Assert.Equal(EnginePhase.Authenticated, second.Phase);
        Assert.Equal(new SandboxCounters { Tickles = 3, Validations = 1, Reauthentications = 1, Initialisations = 1 }, sandbox.State.Counters.Since(before));
        Assert.Contains("Maintenance (Maintenance)", engine.Logs.Text);
    }

    [Fact]
    public async Task Stopping_the_host_ends_the_loop_without_waiting_for_the_interval()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_START_ACTIVE", "true"), ("IBEAM_MAINTENANCE_INTERVAL", AnHour));
        sandbox.OpenSession();
        var loop = ActivatorUtilities.CreateInstance<MaintenanceService>(engine.Services);
        await loop.StartAsync(CancellationToken.None);
        await engine.Get<EngineState>().WaitForAsync(s => s.NextMaintenanceAt is not null);

        await loop.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(loop.ExecuteTask!.IsCompletedSuccessfully);
        loop.Dispose();
    }

    /// <summary>The maintenance loop as the host runs it, built from the harness's services; stopped on dispose.</summary>
    private sealed class RunningLoop(MaintenanceService service) : IAsyncDisposable
    {
        public static async Task<RunningLoop> StartAsync(EngineHarness engine)
        {
            var service = ActivatorUtilities.CreateInstance<MaintenanceService>(engine.Services);
            await service.StartAsync(CancellationToken.None);
            return new RunningLoop(service);
        }

        public async ValueTask DisposeAsync()
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await service.StopAsync(patience.Token);
            service.Dispose();
        }
    }
}
