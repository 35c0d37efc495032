using IBeam.Engine.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IBeam.Engine.Data;

/// <summary>IBeam's one embedded store: login attempts, settings and their audit, the lock-out memory, logs, the operator's account and actions.</summary>
public sealed class IBeamDbContext(DbContextOptions<IBeamDbContext> options) : DbContext(options)
{
    /// <summary>The assembly that holds the migrations (the top-level migrations/ project).</summary>
    public const string MigrationsAssembly = "IBeam.Migrations";

    public DbSet<LoginAttempt> Attempts => Set<LoginAttempt>();

    public DbSet<LoginAttemptStep> AttemptSteps => Set<LoginAttemptStep>();

    public DbSet<StoredSetting> Settings => Set<StoredSetting>();

    public DbSet<SettingChange> SettingChanges => Set<SettingChange>();

    public DbSet<LockoutRecord> Lockout => Set<LockoutRecord>();

    public DbSet<LockoutEvent> LockoutEvents => Set<LockoutEvent>();

    public DbSet<LogEntry> Logs => Set<LogEntry>();

    public DbSet<OperatorAccount> OperatorAccount => Set<OperatorAccount>();

    public DbSet<OperatorAction> OperatorActions => Set<OperatorAction>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IBeamDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are stored as UTC ticks: compact, indexable, and compared in SQL (SQLite has no date type).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcTicksConverter>();

        // Enums as their names: the database stays readable, and reordering an enum cannot corrupt it.
        configurationBuilder.Properties<Enum>().HaveConversion<string>();
    }
}
