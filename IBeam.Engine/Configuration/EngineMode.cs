namespace IBeam.Engine.Configuration;

/// <summary>How the host runs the engine; decides which settings are required.</summary>
/// <param name="LogsIn">True when the engine may log in, so the credentials must be present.</param>
public sealed record EngineMode(bool LogsIn);
