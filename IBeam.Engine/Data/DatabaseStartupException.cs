namespace IBeam.Engine.Data;

/// <summary>The database cannot be used as it is; the message says why and what to do. Start-up stops.</summary>
public sealed class DatabaseStartupException(string message, Exception? inner = null) : Exception(message, inner);
