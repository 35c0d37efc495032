using IBeam.Engine.Configuration;
using IBeam.Engine.Login;
using IBeam.Engine.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Maintenance;

/// <summary>
/// The maintenance loop and nothing else: each pass runs the authenticator in its own scope,
/// logs what failed, and waits for the interval (or an operator's wake-up).
/// </summary>
public sealed class MaintenanceService(
    IServiceScopeFactory scopes,
    EngineControl control,
    EngineState state,
    ILockoutGuard guard,
    IOptionsMonitor<IBeamOptions> options,
    TimeProvider time,
    ILogger<MaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LoopAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Outside a pass nothing is expected to throw: if something does, maintenance has ended
            // for good. Published for /livez (so an orchestrator restarts IBeam) and rethrown for the host.
            MaintenanceLog.LoopDied(logger, e);
            state.Update(s => s with { Phase = EnginePhase.Failed, FatalError = e.Message, NextMaintenanceAt = null, Attempt = null, TwoFactor = null });
            throw;
        }
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var active = options.CurrentValue.Maintenance.StartActive;
        var lockout = guard.Current; // remembered from before the restart
        state.Update(s => s with
        {
            Active = active,
            Phase = active ? EnginePhase.Starting : EnginePhase.Inactive,
            FailedSubmissions = lockout.FailedSubmissions,
            MaxFailedSubmissions = lockout.MaxFailedSubmissions,
            StopReason = lockout.Reason,
        });
        var trigger = LoginTrigger.Startup;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (state.Current.Active)
            {
                await RunPassAsync(trigger, stoppingToken);
                trigger = LoginTrigger.Maintenance;
                if (stoppingToken.IsCancellationRequested)
                {
                    break; // stopping: there is no next pass to announce
                }
            }
            else
            {
                state.Update(s => s with { Phase = EnginePhase.Inactive, NextMaintenanceAt = null });
            }

            var interval = options.CurrentValue.Maintenance.Interval;
            if (state.Current.Active)
            {
                state.Update(s => s with { NextMaintenanceAt = time.GetUtcNow() + interval });
                MaintenanceLog.NextPass(logger, interval.TotalSeconds);
            }

            try
            {
                await control.WaitForNextPassAsync(state.Current.Active ? interval : Timeout.InfiniteTimeSpan, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task RunPassAsync(LoginTrigger trigger, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Authenticator>().MaintainAsync(trigger, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e)
        {
            MaintenanceLog.PassFailed(logger, e);
            state.Update(s => s with { Phase = EnginePhase.Failed, LastError = e.Message, Attempt = null, TwoFactor = null });
        }
    }
}
