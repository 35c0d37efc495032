using IBeam.Engine.Configuration;
using IBeam.Engine.Gateway;
using IBeam.Engine.Login;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Maintenance;

/// <summary>
/// IBeam's strategy A: always a browser login (after a logout when the session competes). If the
/// session is still not authenticated: reauthenticate and wait up to IBEAM_REAUTHENTICATE_WAIT,
/// then, with IBEAM_RESTART_FAILED_SESSIONS, log out and start over once. Where IBeam sleeps
/// for the wait, this polls the status and stops waiting as soon as the session is good.
/// </summary>
public sealed class StrategyA(SessionActions actions, StatusPoller poller, IOptionsMonitor<IBeamOptions> options, ILogger<StrategyA> logger) : IAuthenticationStrategy
{
    public async Task<RestoreResult> RestoreAsync(GatewayStatus status, LoginTrigger trigger, CancellationToken cancellationToken)
    {
        var maintenance = options.CurrentValue.Maintenance;
        RestoreResult result = new(status, null);
        for (var round = 1; round <= (maintenance.RestartFailedSessions ? 2 : 1); round++)
        {
            result = await LogInOnceAsync(result.Status, trigger, cancellationToken);
            if (result.Authenticated || result.Login is { Succeeded: false } || !result.Status.Running)
            {
                return result;
            }

            if (result.Status is { Authenticated: true } s && (!s.Connected || s.Competing))
            {
                MaintenanceLog.StrategyStep(logger, "A", "authenticated but competing: reauthenticating");
                await actions.ReauthenticateAsync(cancellationToken);
                return result with { Status = await poller.PollAsync(x => x.IsHealthy, int.MaxValue, maintenance.RestartWait, cancellationToken) };
            }

            MaintenanceLog.StrategyStep(logger, "A", "logged in but the session is not authenticated: reauthenticating");
            await actions.ReauthenticateAsync(cancellationToken);
            var settled = await poller.PollAsync(x => x.IsHealthy, int.MaxValue, maintenance.ReauthenticateWait, cancellationToken);
            if (settled.IsHealthy || !maintenance.RestartFailedSessions || round == 2)
            {
                if (!settled.IsHealthy)
                {
                    actions.GaveUp("A", gatewayRestarted: false, settled);
                }

                return result with { Status = settled };
            }

            MaintenanceLog.StrategyStep(logger, "A", "logging out and starting over (IBEAM_RESTART_FAILED_SESSIONS)");
            await actions.LogoutAsync(cancellationToken);
            result = result with { Status = settled };
        }

        return result;
    }

    private async Task<RestoreResult> LogInOnceAsync(GatewayStatus status, LoginTrigger trigger, CancellationToken cancellationToken)
    {
        if (status.Session && (!status.Connected || status.Competing))
        {
            MaintenanceLog.StrategyStep(logger, "A", "competing session: logging out first");
            await actions.LogoutAsync(cancellationToken);
        }

        MaintenanceLog.StrategyStep(logger, "A", "logging in");
        var login = await actions.LogInAsync(trigger, cancellationToken);
        if (!login.Succeeded)
        {
            return new RestoreResult(status, login);
        }

        // A fresh login takes a moment to reach the brokerage session: wait as IBEAM_MAX_STATUS_CHECK_RETRIES allows.
        var after = await poller.PollAsync(x => x.Authenticated || !x.Running, options.CurrentValue.Maintenance.MaxStatusCheckRetries, null, cancellationToken);
        return new RestoreResult(after, login);
    }
}
