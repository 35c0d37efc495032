namespace IBeam.Engine.State;

/// <summary>What the engine is doing, as an operator would name it.</summary>
public enum EnginePhase
{
    Starting,
    StartingGateway,
    CheckingStatus,
    LoggingIn,
    AwaitingTwoFactor,
    AwaitingPushApproval,
    Reauthenticating,
    RestartingGateway,
    Authenticated,
    NotAuthenticated,
    GatewayUnreachable,
    Failed,

    /// <summary>The lock-out guard stopped all attempts; an operator must reset it.</summary>
    LockedOut,

    /// <summary>A configuration problem found during a login (for example no 2FA handler) stopped attempts.</summary>
    Stopped,

    /// <summary>Deactivated: no maintenance until activated.</summary>
    Inactive,
}
