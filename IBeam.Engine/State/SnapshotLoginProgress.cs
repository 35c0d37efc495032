using IBeam.Engine.Login;
using IBeam.Engine.TwoFactor;

namespace IBeam.Engine.State;

/// <summary>Publishes one login's progress into the engine's snapshot.</summary>
public sealed class SnapshotLoginProgress(EngineState state, Guid attemptId, LoginTrigger trigger, TimeProvider time) : ILoginProgress
{
    private readonly AttemptProgress _attempt = new(attemptId, trigger, time.GetUtcNow(), LoginStep.Starting, time.GetUtcNow());

    public void Step(LoginStep step, string? detail = null) => state.Update(s => s with
    {
        Attempt = (s.Attempt ?? _attempt) with { Step = step, StepAt = time.GetUtcNow() },
        Phase = step switch
        {
            LoginStep.AwaitingPushApproval => EnginePhase.AwaitingPushApproval,
            LoginStep.HandlerAsked => EnginePhase.AwaitingTwoFactor,
            _ => EnginePhase.LoggingIn,
        },
    });

    public void CodeObtained(string source, string maskedCode)
    {
        state.Update(s => s with { LastCode = new ProducedCode(source, time.GetUtcNow()) });
        Step(LoginStep.CodeObtained, $"{maskedCode} from {source}");
    }

    public void Awaiting(string handler, DateTimeOffset deadline, string? prompt, bool push) =>
        state.Update(s => s with { TwoFactor = new TwoFactorWait(handler, deadline, prompt, push) });

    public void Pairing(PairingView? view) =>
        state.Update(s => s with { TwoFactor = s.TwoFactor is { } wait ? wait with { Pairing = view } : null });

    public void AwaitEnded() => state.Update(s => s with { TwoFactor = null, Phase = EnginePhase.LoggingIn });
}
