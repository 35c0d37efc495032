using System.Security.Cryptography;
using IBeam.Engine.Data;
using IBeam.Engine.Data.Entities;
using IBeam.Engine.Login;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IBeam.Engine.Tests.Data;

/// <summary>The start-up step on real SQLite files: migrate, upgrade, refuse what it must not touch, settle what a dead process left.</summary>
public sealed class DatabaseStartupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ibeam-db-").FullName;

    private DatabaseLocation Location => new(Path.Combine(_folder, "data", "ibeam.db"));

    [Fact]
    public void Migrations_apply_to_an_empty_database_and_a_second_start_changes_nothing()
    {
        var first = DatabaseStartup.Prepare(Location, TimeProvider.System);
        var second = DatabaseStartup.Prepare(Location, TimeProvider.System);

        using var context = DatabaseStartup.CreateContext(Location);
        Assert.Equal(context.Database.GetMigrations(), first.MigrationsApplied);
        Assert.Empty(second.MigrationsApplied);
        Assert.Empty(context.Database.GetPendingMigrations());
        Assert.Equal(0, context.Attempts.Count());
    }

    [Fact]
    public void The_database_is_in_WAL_mode()
    {
        DatabaseStartup.Prepare(Location, TimeProvider.System);

        using var context = DatabaseStartup.CreateContext(Location);
        Assert.Equal("wal", context.Database.SqlQueryRaw<string>("PRAGMA journal_mode").AsEnumerable().Single());
    }

    [Fact]
    public void A_database_made_by_the_first_migration_is_upgraded_in_place_with_its_rows()
    {
        string first;
        using (var context = DatabaseStartup.CreateContext(Location))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Location.DatabasePath)!);
            first = context.Database.GetMigrations().First();
            context.GetService<IMigrator>().Migrate(first);
            context.Attempts.Add(new LoginAttempt { Id = Guid.NewGuid(), StartedAt = DateTime.UtcNow, EndedAt = DateTime.UtcNow, Strategy = "B", Outcome = LoginOutcome.Succeeded });
            context.SaveChanges();
        }

        var report = DatabaseStartup.Prepare(Location, TimeProvider.System);

        using var upgraded = DatabaseStartup.CreateContext(Location);
        Assert.DoesNotContain(first, report.MigrationsApplied);
        Assert.Equal(upgraded.Database.GetMigrations().Skip(1), report.MigrationsApplied);
        Assert.Equal(LoginOutcome.Succeeded, upgraded.Attempts.Single().Outcome);
    }

    [Fact]
    public void A_database_from_a_newer_IBeam_is_refused_and_left_untouched()
    {
        DatabaseStartup.Prepare(Location, TimeProvider.System);
        using (var context = DatabaseStartup.CreateContext(Location))
        {
            context.Database.ExecuteSqlRaw("INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromTheFuture', '99.0.0')");
        }

        var before = Hash(Location.DatabasePath);

        var refused = Assert.Throws<DatabaseStartupException>(() => DatabaseStartup.Prepare(Location, TimeProvider.System));

        Assert.Contains("IBEAM_DATABASE_PATH", refused.Message);
        Assert.Contains("newer IBeam", refused.Message);
        Assert.Contains("29991231000000_FromTheFuture", refused.Message);
        Assert.Equal(before, Hash(Location.DatabasePath));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_and_never_replaced()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Location.DatabasePath)!);
        File.WriteAllText(Location.DatabasePath, "these are somebody's notes, not a database\n");
        var before = Hash(Location.DatabasePath);

        var refused = Assert.Throws<DatabaseStartupException>(() => DatabaseStartup.Prepare(Location, TimeProvider.System));

        Assert.Contains("IBEAM_DATABASE_PATH", refused.Message);
        Assert.Contains("not a usable SQLite database", refused.Message);
        Assert.Equal(before, Hash(Location.DatabasePath));
    }

    [Fact]
    public void A_damaged_database_is_refused()
    {
        DatabaseStartup.Prepare(Location, TimeProvider.System);
        using (var context = DatabaseStartup.CreateContext(Location))
        {
            // Everything into the main file, so that the damage below hits the tables themselves.
            context.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        SqliteConnection.ClearAllPools();
        using (var file = new FileStream(Location.DatabasePath, FileMode.Open, FileAccess.Write))
        {
            // Keep SQLite's header page, scribble over the table pages after it.
            file.Position = 4096;
            file.Write(RandomNumberGenerator.GetBytes(16 * 1024));
        }

        var refused = Assert.Throws<DatabaseStartupException>(() => DatabaseStartup.Prepare(Location, TimeProvider.System));

        Assert.Contains("not a usable SQLite database", refused.Message);
    }

    [Fact]
    public void A_path_that_cannot_be_created_is_a_clear_error()
    {
        var blocker = Path.Combine(_folder, "a-file");
        File.WriteAllText(blocker, "");
        var location = new DatabaseLocation(Path.Combine(blocker, "data", "ibeam.db"));

        var refused = Assert.Throws<DatabaseStartupException>(() => DatabaseStartup.Prepare(location, TimeProvider.System));

        Assert.StartsWith("IBEAM_DATABASE_PATH: the folder", refused.Message);
    }

    [Fact]
    public void Logins_left_running_by_a_dead_process_are_marked_interrupted()
    {
        DatabaseStartup.Prepare(Location, TimeProvider.System);
        var running = Guid.NewGuid();
        using (var context = DatabaseStartup.CreateContext(Location))
        {
            context.Attempts.Add(new LoginAttempt { Id = running, StartedAt = DateTime.UtcNow, Strategy = "B" });
            context.Attempts.Add(new LoginAttempt { Id = Guid.NewGuid(), StartedAt = DateTime.UtcNow, EndedAt = DateTime.UtcNow, Strategy = "B", Outcome = LoginOutcome.Succeeded });
            context.SaveChanges();
        }

        var report = DatabaseStartup.Prepare(Location, TimeProvider.System);

        using var after = DatabaseStartup.CreateContext(Location);
        var attempt = after.Attempts.Single(a => a.Id == running);
        Assert.Equal(1, report.InterruptedAttempts);
        Assert.Equal(LoginOutcome.Interrupted, attempt.Outcome);
        Assert.NotNull(attempt.EndedAt);
        Assert.Contains("IBeam stopped while this login ran", attempt.Error);
        Assert.Equal(1, after.Attempts.Count(a => a.Outcome == LoginOutcome.Succeeded));
    }

    [Fact]
    public void A_submission_left_unsettled_by_a_dead_process_stays_counted()
    {
        DatabaseStartup.Prepare(Location, TimeProvider.System);
        using (var context = DatabaseStartup.CreateContext(Location))
        {
            context.Lockout.Add(new LockoutRecord { FailedSubmissions = 2, PendingSubmission = Guid.NewGuid(), PendingSince = DateTime.UtcNow });
            context.SaveChanges();
        }

        var report = DatabaseStartup.Prepare(Location, TimeProvider.System);

        using var after = DatabaseStartup.CreateContext(Location);
        var record = after.Lockout.Single();
        Assert.True(report.InterruptedSubmission);
        Assert.Equal((2, (Guid?)null), (record.FailedSubmissions, record.PendingSubmission));
        Assert.Equal(LockoutEventKind.InterruptedSubmissionCounted, after.LockoutEvents.Single().Kind);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
