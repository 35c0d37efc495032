using IBeam.Engine.Gateway;
using IBeam.Engine.Login;
using Microsoft.Extensions.Logging;

namespace IBeam.Engine.Maintenance;

/// <summary>
/// IBeam's default strategy. No session: browser login. Competing or disconnected: logout, then
/// reauthenticate. Session present but not authenticated: reauthenticate. Then confirm (rounds
/// of status checks and reauthentication; the gateway is restarted if that fails).
/// </summary>
public sealed class StrategyB(SessionActions actions, ILogger<StrategyB> logger) : IAuthenticationStrategy
{
    public async Task<RestoreResult> RestoreAsync(GatewayStatus status, LoginTrigger trigger, CancellationToken cancellationToken)
    {
        LoginResult? login = null;
        if (!status.Session)
        {
            MaintenanceLog.StrategyStep(logger, "B", "no session: logging in");
            login = await actions.LogInAsync(trigger, cancellationToken);
            if (!login.Succeeded)
            {
                return new RestoreResult(status, login);
            }
        }
        else if (!status.Connected || status.Competing)
        {
            MaintenanceLog.StrategyStep(logger, "B", "competing or disconnected session: logging out and reauthenticating");
            await actions.LogoutAsync(cancellationToken);
            await actions.ReauthenticateAsync(cancellationToken);
        }
        else
        {
            MaintenanceLog.StrategyStep(logger, "B", "session not authenticated: reauthenticating");
            await actions.ReauthenticateAsync(cancellationToken);
        }

        return new RestoreResult(await actions.ConfirmAuthenticatedAsync(cancellationToken), login);
    }
}
