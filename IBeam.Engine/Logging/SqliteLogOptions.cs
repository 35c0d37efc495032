using IBeam.Engine.Configuration;

namespace IBeam.Engine.Logging;

/// <summary>How the database log is written and pruned. The defaults are IBeam's; tests shorten them.</summary>
public sealed record SqliteLogOptions
{
    /// <summary>IBEAM_LOG_RETENTION_DAYS: events older than this are deleted.</summary>
    public int RetentionDays { get; init; } = 30;

    /// <summary>IBEAM_LOG_MAX_ROWS: beyond this many events the oldest are deleted.</summary>
    public int MaxRows { get; init; } = 1_000_000;

    /// <summary>Retention runs this often, and also whenever a tenth of <see cref="MaxRows"/> was written since it last ran.</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows deleted per statement: a large backlog is worked off between batches, never holding them up for long.</summary>
    public int RetentionChunk { get; init; } = 5_000;

    /// <summary>How long a write waits for another connection's lock before the batch counts as failed.</summary>
    public int BusyTimeoutSeconds { get; init; } = 5;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static SqliteLogOptions From(StorageOptions storage) =>
        new() { RetentionDays = storage.LogRetentionDays, MaxRows = storage.LogMaxRows };
}
