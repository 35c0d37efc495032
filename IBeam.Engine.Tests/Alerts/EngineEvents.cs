using IBeam.Engine.Login;
using IBeam.Engine.State;
using IBeam.Engine.TwoFactor;

namespace IBeam.Engine.Tests.Alerts;

/// <summary>Publishes into the engine state what the engine publishes when these things happen.</summary>
internal static class EngineEvents
{
    public static void ManualWaitBegins(this EngineState state, Guid attempt, string handler = ManualHandler.HandlerName) => state.Update(s => s with
    {
        Phase = EnginePhase.AwaitingTwoFactor,
        Attempt = new AttemptProgress(attempt, LoginTrigger.Maintenance, s.UpdatedAt, LoginStep.HandlerAsked, s.UpdatedAt),
        TwoFactor = new TwoFactorWait(handler, DateTimeOffset.UtcNow.AddMinutes(5), "Enter the code sent to your phone", Push: false),
    });

    /// <summary>A change during the wait (a pairing view, say): the same wait, a new snapshot.</summary>
    public static void WaitGoesOn(this EngineState state, string note) =>
        state.Update(s => s with { TwoFactor = s.TwoFactor! with { Prompt = note } });

    public static void WaitEnds(this EngineState state) =>
        state.Update(s => s with { Phase = EnginePhase.LoggingIn, TwoFactor = null, Attempt = null });

    public static void LockedOut(this EngineState state) => state.Update(s => s with
    {
        Phase = EnginePhase.LockedOut,
        StopReason = "3 failed submissions in a row (IBEAM_MAX_FAILED_AUTH=3)",
        FailedSubmissions = 3,
        MaxFailedSubmissions = 3,
    });

    /// <summary>The next pass while still locked out: it checks the status, then publishes the lock-out again.</summary>
    public static void PassWhileLockedOut(this EngineState state)
    {
        state.Update(s => s with { Phase = EnginePhase.CheckingStatus });
        state.Update(s => s with { Phase = EnginePhase.LockedOut });
    }

    public static void GuardReset(this EngineState state) =>
        state.Update(s => s with { Phase = EnginePhase.NotAuthenticated, StopReason = null, FailedSubmissions = 0 });

    public static void RestoreGivenUp(this EngineState state) => state.Update(s => s with
    {
        Phase = EnginePhase.NotAuthenticated,
        LastRestoreFailure = new RestoreFailure((s.LastRestoreFailure?.Number ?? 0) + 1, DateTimeOffset.UtcNow, "B", GatewayRestarted: true, "NO SESSION"),
    });
}
