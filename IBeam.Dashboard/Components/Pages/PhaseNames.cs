using IBeam.Engine.State;

namespace IBeam.Dashboard.Components.Pages;

/// <summary>The engine's phases as an operator reads them.</summary>
public static class PhaseNames
{
    public static string Describe(EnginePhase phase) => phase switch
    {
        EnginePhase.AwaitingTwoFactor => "Awaiting 2FA code",
        EnginePhase.AwaitingPushApproval => "Awaiting push approval",
        EnginePhase.LockedOut => "Stopped by the lock-out guard",
        EnginePhase.GatewayUnreachable => "Gateway unreachable",
        EnginePhase.NotAuthenticated => "Not authenticated",
        EnginePhase.StartingGateway => "Starting the gateway",
        EnginePhase.CheckingStatus => "Checking status",
        EnginePhase.LoggingIn => "Logging in",
        EnginePhase.RestartingGateway => "Restarting the gateway",
        _ => phase.ToString(),
    };
}
