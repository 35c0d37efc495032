namespace IBeam.Engine.Configuration;

public sealed class StorageOptions
{
    [Setting("IBEAM_DATABASE_PATH", "SQLite database of attempts, settings, the lock-out memory and logs. Unset: ibeam.db in the outputs folder.", RequiresRestart = true, Storable = false)]
    public string? DatabasePath { get; set; }

    [Setting("IBEAM_LOG_RETENTION_DAYS", "Days the log kept in the database goes back.", Min = 1, RequiresRestart = true)]
    public int LogRetentionDays { get; set; } = 30;

    [Setting("IBEAM_LOG_MAX_ROWS", "Most log events kept in the database; the oldest go first.", Min = 1000, RequiresRestart = true)]
    public int LogMaxRows { get; set; } = 1_000_000;
}
