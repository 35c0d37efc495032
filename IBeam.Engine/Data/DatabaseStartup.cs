using System.Text;
using IBeam.Engine.Data.Entities;
using IBeam.Engine.Login;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IBeam.Engine.Data;

/// <summary>What start-up found and did to the database.</summary>
public sealed record DatabaseReport(string Path, IReadOnlyList<string> MigrationsApplied, int InterruptedAttempts, bool InterruptedSubmission);

/// <summary>
/// The start-up step that runs before the engine: opens the database (never silently replacing an
/// unreadable one), refuses one written by a newer IBeam, upgrades an older one in place, turns on
/// WAL, and settles what a previous process left mid-way (a login that never ended, a submission
/// that was never settled).
/// </summary>
public static class DatabaseStartup
{
    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    public static DatabaseReport Prepare(DatabaseLocation location, TimeProvider time)
    {
        var path = location.DatabasePath;
        EnsureFolder(path);
        EnsureReadable(path);

        using var context = CreateContext(location);
        try
        {
            context.Database.OpenConnection();
            var check = context.Database.SqlQueryRaw<string>("PRAGMA quick_check").AsEnumerable().FirstOrDefault();
            if (check != "ok")
            {
                throw Corrupt(path, check ?? "no answer to an integrity check");
            }

            context.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        }
        catch (SqliteException e)
        {
            throw e.SqliteErrorCode is 26 or 11 // SQLITE_NOTADB, SQLITE_CORRUPT
                ? Corrupt(path, e.Message)
                : new DatabaseStartupException($"IBEAM_DATABASE_PATH: the database {path} cannot be opened for writing: {e.Message}", e);
        }

        var known = context.Database.GetMigrations().ToHashSet();
        var applied = context.Database.GetAppliedMigrations().ToList();
        if (applied.FirstOrDefault(m => !known.Contains(m)) is { } newer)
        {
            throw new DatabaseStartupException(
                $"IBEAM_DATABASE_PATH: the database {path} was written by a newer IBeam (it has migration {newer}, which this version does not know). " +
                "Run the newer IBeam, or point IBEAM_DATABASE_PATH at another file; this one is left untouched.");
        }

        var pending = context.Database.GetPendingMigrations().ToList();
        context.Database.Migrate();

        var now = time.GetUtcNow().UtcDateTime;
        var interrupted = context.Attempts
            .Where(a => a.EndedAt == null)
            .ExecuteUpdate(a => a
                .SetProperty(x => x.EndedAt, now)
                .SetProperty(x => x.Outcome, LoginOutcome.Interrupted)
                .SetProperty(x => x.Error, "IBeam stopped while this login ran (crash, kill or power loss)."));

        return new DatabaseReport(path, pending, interrupted, SettleInterruptedSubmission(context, now));
    }

    public static IBeamDbContext CreateContext(DatabaseLocation location)
    {
        var builder = new DbContextOptionsBuilder<IBeamDbContext>();
        builder.UseIBeamDatabase(location);
        return new IBeamDbContext(builder.Options);
    }

    /// <summary>A submission that was under way when the process ended stays counted: IBKR may have judged it.</summary>
    private static bool SettleInterruptedSubmission(IBeamDbContext context, DateTime now)
    {
        var record = context.Lockout.SingleOrDefault();
        if (record?.PendingSubmission is null)
        {
            return false;
        }

        record.PendingSubmission = null;
        record.PendingSince = null;
        record.UpdatedAt = now;
        context.LockoutEvents.Add(new LockoutEvent
        {
            At = now,
            Kind = LockoutEventKind.InterruptedSubmissionCounted,
            FailedSubmissions = record.FailedSubmissions,
            Detail = "A submission was under way when IBeam stopped; it counts as failed.",
        });
        context.SaveChanges();
        return true;
    }

    private static void EnsureFolder(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseStartupException($"IBEAM_DATABASE_PATH: the folder {folder} cannot be created: {e.Message}", e);
        }
    }

    private static void EnsureReadable(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            var header = new byte[SqliteHeader.Length];
            var read = file.Read(header, 0, header.Length);
            if (read > 0 && !header.AsSpan(0, read).SequenceEqual(SqliteHeader.AsSpan(0, read)) || (read > 0 && read < header.Length))
            {
                throw Corrupt(path, "it does not start with SQLite's header");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseStartupException($"IBEAM_DATABASE_PATH: the database {path} cannot be opened for writing: {e.Message}", e);
        }
    }

    private static DatabaseStartupException Corrupt(string path, string detail) =>
        new($"IBEAM_DATABASE_PATH: {path} is not a usable SQLite database ({detail}). IBeam does not replace it: " +
            "move it aside (it may hold your login history), or point IBEAM_DATABASE_PATH at another file.");
}
