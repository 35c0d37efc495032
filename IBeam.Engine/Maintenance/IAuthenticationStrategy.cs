using IBeam.Engine.Gateway;
using IBeam.Engine.Login;

namespace IBeam.Engine.Maintenance;

/// <summary>How a running gateway without a healthy session is brought back to authenticated.</summary>
public interface IAuthenticationStrategy
{
    /// <summary>Restores the session from <paramref name="status"/>; the outcome of any browser login is in the result.</summary>
    Task<RestoreResult> RestoreAsync(GatewayStatus status, LoginTrigger trigger, CancellationToken cancellationToken);
}

/// <summary>The status after a restore, and the browser login's result when one ran.</summary>
public sealed record RestoreResult(GatewayStatus Status, LoginResult? Login)
{
    public bool Authenticated => Status.IsHealthy;
}
