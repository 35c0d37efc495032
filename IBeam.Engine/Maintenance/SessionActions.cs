using IBeam.Engine.Configuration;
using IBeam.Engine.Gateway;
using IBeam.Engine.Logging;
using IBeam.Engine.Login;
using IBeam.Engine.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Maintenance;

/// <summary>The building blocks both strategies use: log in, log out, reauthenticate, check the result.</summary>
public sealed class SessionActions(
    IOptionsMonitor<IBeamOptions> options,
    GatewayClient client,
    GatewayProcess process,
    StatusPoller poller,
    LoginFlow loginFlow,
    AttemptJournal journal,
    ILockoutGuard guard,
    EngineState state,
    TimeProvider time,
    ILogger<SessionActions> logger)
{
    private IBeamOptions Settings => options.CurrentValue;

    /// <summary>
    /// Browser logins, tried again at once (up to IBEAM_MAX_IMMEDIATE_ATTEMPTS) while a retry may
    /// help; the lock-out guard ends the series when its allowance is spent.
    /// </summary>
    public async Task<LoginResult> LogInAsync(LoginTrigger trigger, CancellationToken cancellationToken)
    {
        LoginResult result = new(LoginOutcome.Cancelled);
        for (var attempt = 1; attempt <= Settings.Login.MaxImmediateAttempts; attempt++)
        {
            state.Update(s => s with { Phase = EnginePhase.LoggingIn, LastError = null });
            MaintenanceLog.LoginAttempt(logger, attempt, Settings.Login.MaxImmediateAttempts, trigger);
            var attemptId = journal.Start(trigger);
            var progress = new JournalingProgress(journal, attemptId, new SnapshotLoginProgress(state, attemptId, trigger, time));
            result = await loginFlow.RunAsync(progress, cancellationToken);
            journal.Finish(attemptId, result);
            var lockout = guard.Current;
            state.Update(s => s with { Attempt = null, TwoFactor = null, LastError = result.Error, FailedSubmissions = lockout.FailedSubmissions, StopReason = lockout.Reason });
            if (string.IsNullOrEmpty(result.Error))
            {
                MaintenanceLog.LoginFinished(logger, result.Outcome);
            }
            else
            {
                MaintenanceLog.LoginFinishedWithError(logger, result.Outcome, result.Error);
            }

            if (result.Succeeded || !result.WorthRetryingNow || cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        return result;
    }

    public async Task LogoutAsync(CancellationToken cancellationToken)
    {
        var confirmed = await client.LogoutAsync(cancellationToken);
        MaintenanceLog.LoggedOut(logger, confirmed);
    }

    public async Task ReauthenticateAsync(CancellationToken cancellationToken)
    {
        state.Update(s => s with { Phase = EnginePhase.Reauthenticating });
        var accepted = await client.ReauthenticateAsync(cancellationToken);
        MaintenanceLog.Reauthenticating(logger, accepted);
    }

    /// <summary>
    /// IBeam's post-authentication check: wait for the session to authenticate (up to
    /// IBEAM_MAX_STATUS_CHECK_RETRIES checks), reauthenticating between rounds (up to
    /// IBEAM_MAX_REAUTHENTICATE_RETRIES). Still not healthy: restart the gateway. Healthy:
    /// initialise the brokerage session.
    /// </summary>
    public async Task<GatewayStatus> ConfirmAuthenticatedAsync(CancellationToken cancellationToken)
    {
        var maintenance = Settings.Maintenance;
        GatewayStatus status = GatewayStatus.Unknown;
        for (var round = 1; round <= maintenance.MaxReauthenticateRetries; round++)
        {
            status = await poller.PollAsync(StatusPoller.AuthenticatedOrHopeless, maintenance.MaxStatusCheckRetries, null, cancellationToken);
            if (StatusPoller.AuthenticatedOrHopeless(status) || round == maintenance.MaxReauthenticateRetries)
            {
                break;
            }

            MaintenanceLog.ReauthenticateRound(logger, round + 1, maintenance.MaxReauthenticateRetries);
            await ReauthenticateAsync(cancellationToken);
        }

        if (!status.IsHealthy)
        {
            if (!process.IsManaged)
            {
                MaintenanceLog.RestoreFailedUnmanaged(logger, maintenance.MaxReauthenticateRetries, status.ToString());
            }
            else
            {
                MaintenanceLog.RestoreFailed(logger, maintenance.MaxReauthenticateRetries, status.ToString());
                state.Update(s => s with { Phase = EnginePhase.RestartingGateway });
                status = await process.RestartAsync(cancellationToken);
                state.Update(s => s with { Gateway = status });
            }

            GaveUp("B", gatewayRestarted: process.IsManaged, status);
            return status;
        }

        var initialised = await client.InitialiseAsync(cancellationToken);
        MaintenanceLog.Initialised(logger, initialised);
        return status;
    }

    /// <summary>Publishes that <paramref name="strategy"/> could not restore the session in this pass (alerts watch for it).</summary>
    public void GaveUp(string strategy, bool gatewayRestarted, GatewayStatus status) => state.Update(s => s with
    {
        LastRestoreFailure = new RestoreFailure((s.LastRestoreFailure?.Number ?? 0) + 1, time.GetUtcNow(), strategy, gatewayRestarted, status.Label),
    });
}
