namespace IBeam.Engine.Configuration;

/// <summary>How the host runs the engine; decides which settings are required at start.</summary>
/// <param name="RequiresCredentials">
/// True when start-up must stop without IBEAM_ACCOUNT and IBEAM_PASSWORD (--authenticate, --maintain).
/// The web dashboard starts without them: an operator can store them there, and until then no login is attempted.
/// </param>
/// <param name="WebUi">True when the web dashboard runs, where an operator can type a code (the default fallback).</param>
/// <param name="LongRunning">True for the modes that keep running (web dashboard, --maintain), which serve IBeam's own HTTP server.</param>
public sealed record EngineMode(bool RequiresCredentials, bool WebUi = false, bool LongRunning = false);
