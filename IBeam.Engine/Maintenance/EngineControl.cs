using IBeam.Engine.Configuration;
using IBeam.Engine.Login;
using IBeam.Engine.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Maintenance;

/// <summary>
/// The operator's intents (activate, deactivate, log in now, reset the lock-out counter, …) as
/// calls on the engine. The dashboard, the API and the command line use this, never the
/// engine's internals.
/// </summary>
public sealed class EngineControl
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Authenticator _authenticator;
    private readonly ILockoutGuard _guard;
    private readonly EngineState _state;
    private readonly ILogger<EngineControl> _logger;

    public EngineControl(Authenticator authenticator, ILockoutGuard guard, EngineState state, IOptionsMonitor<IBeamOptions> options, ILogger<EngineControl> logger)
    {
        _authenticator = authenticator;
        _guard = guard;
        _state = state;
        _logger = logger;

        // A settings change (stored credentials, a handler) may lift a stop caused by configuration: try again now.
        options.OnChange(_ =>
        {
            _authenticator.ClearConfigurationStop();
            Wake();
        });
    }

    /// <summary>Starts maintenance and runs a pass now.</summary>
    public void Activate(string operatorName)
    {
        _authenticator.ClearConfigurationStop();
        _state.Update(s => s with { Active = true, StopReason = _guard.Current.Reason, Phase = s.Phase == EnginePhase.Inactive ? EnginePhase.Starting : s.Phase });
        MaintenanceLog.ActiveChanged(_logger, "activated", operatorName);
        Wake();
    }

    /// <summary>Stops maintenance, logs out and stops the gateway (when IBeam manages it).</summary>
    public async Task DeactivateAsync(string operatorName, CancellationToken cancellationToken)
    {
        _state.Update(s => s with { Active = false, NextMaintenanceAt = null });
        MaintenanceLog.ActiveChanged(_logger, "deactivated", operatorName);
        await _authenticator.StopGatewayAsync(cancellationToken);
    }

    public Task<bool> LogInNowAsync(CancellationToken cancellationToken) => _authenticator.LogInNowAsync(LoginTrigger.Operator, cancellationToken);

    public Task<bool> ReauthenticateAsync(CancellationToken cancellationToken) => _authenticator.ReauthenticateAsync(cancellationToken);

    public Task<bool> LogoutAsync(CancellationToken cancellationToken) => _authenticator.LogoutAsync(cancellationToken);

    public Task<bool> RestartGatewayAsync(CancellationToken cancellationToken) => _authenticator.RestartGatewayAsync(cancellationToken);

    /// <summary>The operator vouches for the account: the failed-submission count returns to zero and attempts resume.</summary>
    public async Task ResetLockoutAsync(string operatorName, CancellationToken cancellationToken)
    {
        await _guard.ResetAsync(operatorName, cancellationToken);
        var lockout = _guard.Current;
        _state.Update(s => s with { FailedSubmissions = lockout.FailedSubmissions, StopReason = null, Phase = s.Phase == EnginePhase.LockedOut ? EnginePhase.NotAuthenticated : s.Phase });
        Wake();
    }

    /// <summary>Ends the maintenance loop's wait so that a pass runs now.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending.
        }
    }

    /// <summary>Waits for <paramref name="interval"/>, or less if woken.</summary>
    internal async Task WaitForNextPassAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(interval, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _wake.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The interval passed.
        }
    }
}
