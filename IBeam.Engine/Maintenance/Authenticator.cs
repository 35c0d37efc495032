using IBeam.Engine.Configuration;
using IBeam.Engine.Gateway;
using IBeam.Engine.Login;
using IBeam.Engine.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Maintenance;

/// <summary>
/// Runs one maintenance pass: make sure the gateway answers, read its status, and restore the
/// session with the configured strategy. Every gateway-changing action of the engine goes
/// through here one at a time, so an operator's action never interleaves with a pass.
/// </summary>
public sealed class Authenticator(
    IOptionsMonitor<IBeamOptions> options,
    GatewayClient client,
    GatewayProcess process,
    StatusPoller poller,
    StrategyA strategyA,
    StrategyB strategyB,
    ILockoutGuard guard,
    BrowserLauncher launcher,
    EngineState state,
    TimeProvider time,
    ILogger<Authenticator> logger)
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Why attempts stopped for a reason the lock-out guard does not hold (for example no 2FA handler); cleared by activation.</summary>
    private string? _configurationStop;

    /// <summary>One maintenance pass; true when the gateway ends it authenticated.</summary>
    public Task<bool> MaintainAsync(LoginTrigger trigger, CancellationToken cancellationToken) =>
        ExclusiveAsync(async () =>
        {
            if (trigger is LoginTrigger.CommandLine or LoginTrigger.Startup && StopReason() is null)
            {
                // A login is likely at start-up and when asked for on the command line: Chromium
                // starts while the status is read, and is closed at the end of the pass if unused.
                launcher.Prelaunch();
            }

            state.Update(s => s with { Phase = EnginePhase.CheckingStatus });
            var status = process.IsManaged ? await EnsureGatewayAsync(cancellationToken) : await poller.ReadAsync(cancellationToken);
            state.Update(s => s with { Gateway = status });
            MaintenanceLog.PassStarted(logger, trigger, status.ToString());
            if (!status.Running)
            {
                MaintenanceLog.GatewayDown(logger, options.CurrentValue.Gateway.BaseUrl, status.Error ?? "no answer");
                Publish(EnginePhase.GatewayUnreachable, status, $"Cannot communicate with the gateway at {options.CurrentValue.Gateway.BaseUrl}: {status.Error ?? "no answer"}.");
                return false;
            }

            if (status.IsHealthy)
            {
                await ValidateAsync(cancellationToken);
                Publish(EnginePhase.Authenticated, status, null);
                return true;
            }

            if (status.RetryLater)
            {
                MaintenanceLog.RetryLater(logger, status.Error ?? status.Label);
                Publish(EnginePhase.NotAuthenticated, status, $"{status.Error}; trying again at the next maintenance pass.");
                return false;
            }

            if (StopReason() is { } stopped)
            {
                MaintenanceLog.AttemptsStopped(logger, stopped);
                Publish(guard.Current.Stopped ? EnginePhase.LockedOut : EnginePhase.Stopped, status, stopped);
                return false;
            }

            IAuthenticationStrategy strategy = options.CurrentValue.Maintenance.Strategy == AuthenticationStrategy.A ? strategyA : strategyB;
            var result = await strategy.RestoreAsync(status, trigger, cancellationToken);
            return Conclude(result);
        }, cancellationToken);

    /// <summary>A browser login now, whatever the status says (the operator's "log in now").</summary>
    public Task<bool> LogInNowAsync(LoginTrigger trigger, CancellationToken cancellationToken) =>
        ExclusiveAsync(async () =>
        {
            var status = await poller.ReadAsync(cancellationToken);
            if (StopReason() is { } stopped)
            {
                Publish(guard.Current.Stopped ? EnginePhase.LockedOut : EnginePhase.Stopped, status, stopped);
                return false;
            }

            var result = await strategyB.RestoreAsync(status with { Session = false }, trigger, cancellationToken);
            return Conclude(result);
        }, cancellationToken);

    public Task<bool> ReauthenticateAsync(CancellationToken cancellationToken) =>
        ExclusiveAsync(async () =>
        {
            var status = await poller.ReadAsync(cancellationToken);
            var result = await strategyB.RestoreAsync(status with { Session = true, Connected = true, Competing = false }, LoginTrigger.Operator, cancellationToken);
            return Conclude(result);
        }, cancellationToken);

    public Task<bool> LogoutAsync(CancellationToken cancellationToken) =>
        ExclusiveAsync(async () =>
        {
            var confirmed = await client.LogoutAsync(cancellationToken);
            Publish(EnginePhase.NotAuthenticated, await poller.ReadAsync(cancellationToken), null);
            return confirmed;
        }, cancellationToken);

    public Task<bool> RestartGatewayAsync(CancellationToken cancellationToken) =>
        ExclusiveAsync(async () =>
        {
            state.Update(s => s with { Phase = EnginePhase.RestartingGateway });
            var status = await process.RestartAsync(cancellationToken);
            Publish(status.Running ? EnginePhase.NotAuthenticated : EnginePhase.GatewayUnreachable, status, status.Error);
            return status.Running;
        }, cancellationToken);

    /// <summary>Deactivation: log out and stop the gateway (when IBeam manages it).</summary>
    public Task StopGatewayAsync(CancellationToken cancellationToken) =>
        ExclusiveAsync(async () =>
        {
            await client.LogoutAsync(cancellationToken);
            if (process.IsManaged)
            {
                await process.KillAsync(cancellationToken);
            }

            state.Update(s => s with { Phase = EnginePhase.Inactive, Gateway = GatewayStatus.Unknown, Attempt = null, TwoFactor = null });
            return true;
        }, cancellationToken);

    /// <summary>Clears a stop caused by configuration (activation means the operator has fixed it).</summary>
    public void ClearConfigurationStop() => _configurationStop = null;

    private async Task<GatewayStatus> EnsureGatewayAsync(CancellationToken cancellationToken)
    {
        var status = await poller.ReadAsync(cancellationToken);
        if (status.Running)
        {
            return status;
        }

        state.Update(s => s with { Phase = EnginePhase.StartingGateway });
        return await process.EnsureStartedAsync(cancellationToken);
    }

    private async Task ValidateAsync(CancellationToken cancellationToken)
    {
        if (await client.ValidateAsync(cancellationToken) is { } validation)
        {
            MaintenanceLog.Validated(logger, validation.Result, validation.UserName ?? "?", validation.Expires?.TotalSeconds ?? 0);
        }
    }

    private bool Conclude(RestoreResult result)
    {
        if (result.Login is { StopsAttempts: true } login && login.Outcome != LoginOutcome.LockoutGuardStopped)
        {
            _configurationStop = login.Error;
        }

        if (result.Authenticated)
        {
            MaintenanceLog.Healthy(logger);
            state.Update(s => s with { LastSuccessAt = time.GetUtcNow() });
            Publish(EnginePhase.Authenticated, result.Status, null);
            return true;
        }

        var phase = guard.Current.Stopped ? EnginePhase.LockedOut
            : _configurationStop is not null ? EnginePhase.Stopped
            : !result.Status.Running ? EnginePhase.GatewayUnreachable
            : result.Login is { Succeeded: false } ? EnginePhase.Failed
            : EnginePhase.NotAuthenticated;
        Publish(phase, result.Status, result.Login?.Error ?? result.Status.Error ?? $"The session is {result.Status.Label}.");
        return false;
    }

    private string? StopReason() => guard.Current.Stopped ? guard.Current.Reason : _configurationStop;

    private void Publish(EnginePhase phase, GatewayStatus status, string? error)
    {
        var lockout = guard.Current;
        state.Update(s => s with
        {
            Phase = phase,
            Gateway = status,
            LastError = error,
            Attempt = null,
            TwoFactor = null,
            FailedSubmissions = lockout.FailedSubmissions,
            MaxFailedSubmissions = lockout.MaxFailedSubmissions,
            StopReason = StopReason(),
        });
    }

    private async Task<T> ExclusiveAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            // No Chromium outlives the action that started it.
            await launcher.ReleasePrelaunchedAsync();
            await launcher.WaitForClosedAsync();
            _oneAtATime.Release();
        }
    }
}
