namespace IBeam.Engine.State;

/// <summary>
/// A strategy gave up restoring the session in one pass: its reauthenticate rounds (B) or its
/// second login (A) did not bring the session back. <see cref="Number"/> counts give-ups in this
/// run, so two alike give-ups are still two events.
/// </summary>
/// <param name="GatewayRestarted">True when IBeam restarted the gateway it manages as its last resort (strategy B).</param>
/// <param name="Status">The gateway's status label when the strategy gave up.</param>
public sealed record RestoreFailure(int Number, DateTimeOffset At, string Strategy, bool GatewayRestarted, string Status);
