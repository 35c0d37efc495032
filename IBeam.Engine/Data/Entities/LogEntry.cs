namespace IBeam.Engine.Data.Entities;

/// <summary>One log event, as the SQLite log sink stores it.</summary>
public sealed class LogEntry
{
    public long Id { get; set; }

    public DateTime Timestamp { get; set; }

    /// <summary>Serilog's level: 0 Verbose … 5 Fatal.</summary>
    public int Level { get; set; }

    public string? Category { get; set; }

    public string Message { get; set; } = "";

    public string? Exception { get; set; }
}
