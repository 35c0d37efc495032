using IBeam.Engine.Sandbox;

namespace IBeam.Engine.Tests.Chaos;

/// <summary>What goes wrong in one chaos scenario.</summary>
public enum ChaosFault
{
    None,
    WrongPassword,
    WrongCode,
    JunkCode,
    HandlerError,
    HandlerThrows,
    HandlerHangs,
    Gateway500,
    Gateway503,
    GatewaySlow,
    GatewayDown,
    GarbageJson,
    SessionExpired,
    CompetingSession,
    DroppedBrokerage,
}

/// <summary>
/// One randomized scenario: a fault, whether it strikes before the pass or in the middle of the
/// login (once the credentials are in), and the second factor the sandbox asks for.
/// </summary>
public sealed record ChaosScenario(int Number, ChaosFault Fault, bool MidLogin, SandboxTwoFactor TwoFactor)
{
    private static readonly ChaosFault[] Faults = Enum.GetValues<ChaosFault>();

    /// <summary>Session faults need an authenticated session to break; the others meet a login.</summary>
    public bool NeedsSession => Fault is ChaosFault.SessionExpired or ChaosFault.CompetingSession or ChaosFault.DroppedBrokerage;

    /// <summary>Faults of the gateway's port, which can strike at any moment of a login.</summary>
    public bool IsGatewayFault => Fault is ChaosFault.Gateway500 or ChaosFault.Gateway503 or ChaosFault.GatewaySlow or ChaosFault.GatewayDown or ChaosFault.GarbageJson;

    public static ChaosScenario Draw(Random random, int number)
    {
        var fault = Faults[random.Next(Faults.Length)];
        var handlerFault = fault is ChaosFault.WrongCode or ChaosFault.JunkCode or ChaosFault.HandlerError or ChaosFault.HandlerThrows or ChaosFault.HandlerHangs;

        // A handler fault needs a code step; elsewhere a login without a second factor is as good a target and quicker.
        var twoFactor = handlerFault || random.Next(2) == 0 ? SandboxTwoFactor.Code : SandboxTwoFactor.None;
        var scenario = new ChaosScenario(number, fault, MidLogin: false, twoFactor);
        return scenario with { MidLogin = scenario.IsGatewayFault && random.Next(2) == 0 };
    }

    public override string ToString() => $"#{Number} {Fault}{(MidLogin ? " mid-login" : "")} ({TwoFactor})";
}
