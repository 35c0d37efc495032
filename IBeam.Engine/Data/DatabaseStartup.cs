using System.Reflection;
using System.Text;
using IBeam.Engine.Data.Entities;
using IBeam.Engine.Login;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

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

        // Plain SQL where EF would only add start-up time (building its model takes most of a second):
        // this step runs before every command, --authenticate included.
        using var connection = new SqliteConnection(location.ConnectionString);
        try
        {
            connection.Open();
            var check = Scalar(connection, "PRAGMA quick_check") as string;
            if (check != "ok")
            {
                throw Corrupt(path, check ?? "no answer to an integrity check");
            }

            Scalar(connection, "PRAGMA journal_mode=WAL");
        }
        catch (SqliteException e)
        {
            throw e.SqliteErrorCode is 26 or 11 // SQLITE_NOTADB, SQLITE_CORRUPT
                ? Corrupt(path, e.Message)
                : new DatabaseStartupException($"IBEAM_DATABASE_PATH: the database {path} cannot be opened for writing: {e.Message}", e);
        }

        var pending = Migrate(location, connection, path);
        var now = time.GetUtcNow().UtcDateTime;
        return new DatabaseReport(path, pending, MarkInterruptedAttempts(connection, now), SettleInterruptedSubmission(connection, now));
    }

    public static IBeamDbContext CreateContext(DatabaseLocation location)
    {
        var builder = new DbContextOptionsBuilder<IBeamDbContext>();
        builder.UseIBeamDatabase(location);
        return new IBeamDbContext(builder.Options);
    }

    /// <summary>Applies the migrations this database lacks; refuses one that has migrations this IBeam does not know.</summary>
    private static List<string> Migrate(DatabaseLocation location, SqliteConnection connection, string path)
    {
        // Compared by hand first: asking EF costs most of a second of start-up, and nearly every start has nothing to apply.
        var known = KnownMigrations();
        var applied = AppliedMigrations(connection);
        if (applied.FirstOrDefault(m => !known.Contains(m)) is { } newer)
        {
            throw new DatabaseStartupException(
                $"IBEAM_DATABASE_PATH: the database {path} was written by a newer IBeam (it has migration {newer}, which this version does not know). " +
                "Run the newer IBeam, or point IBEAM_DATABASE_PATH at another file; this one is left untouched.");
        }

        var pending = known.Except(applied).Order(StringComparer.Ordinal).ToList();
        if (pending.Count > 0)
        {
            using var context = CreateContext(location);
            context.Database.Migrate();
        }

        return pending;
    }

    /// <summary>The migrations this IBeam ships, by their ids (as EF finds them: [Migration] on the types of the migrations assembly).</summary>
    private static List<string> KnownMigrations() =>
        Assembly.Load(new AssemblyName(IBeamDbContext.MigrationsAssembly)).GetTypes()
            .Where(t => t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(IBeamDbContext))
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .ToList();

    private static List<string> AppliedMigrations(SqliteConnection connection)
    {
        if (Scalar(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'") is null)
        {
            return [];
        }

        using var select = connection.CreateCommand();
        select.CommandText = """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" """;
        using var rows = select.ExecuteReader();
        var applied = new List<string>();
        while (rows.Read())
        {
            applied.Add(rows.GetString(0));
        }

        return applied;
    }

    /// <summary>Logins that have no end were running when the previous process died.</summary>
    private static int MarkInterruptedAttempts(SqliteConnection connection, DateTime now)
    {
        using var update = connection.CreateCommand();
        update.CommandText = """UPDATE "Attempts" SET "EndedAt" = $now, "Outcome" = $outcome, "Error" = $error WHERE "EndedAt" IS NULL""";
        update.Parameters.AddWithValue("$now", now.Ticks);
        update.Parameters.AddWithValue("$outcome", nameof(LoginOutcome.Interrupted));
        update.Parameters.AddWithValue("$error", "IBeam stopped while this login ran (crash, kill or power loss).");
        return update.ExecuteNonQuery();
    }

    /// <summary>A submission that was under way when the process ended stays counted: IBKR may have judged it.</summary>
    private static bool SettleInterruptedSubmission(SqliteConnection connection, DateTime now)
    {
        using var transaction = connection.BeginTransaction();
        using var settle = connection.CreateCommand();
        settle.Transaction = transaction;
        settle.CommandText = """
            UPDATE "Lockout" SET "PendingSubmission" = NULL, "PendingSince" = NULL, "UpdatedAt" = $now
            WHERE "Id" = $id AND "PendingSubmission" IS NOT NULL
            RETURNING "FailedSubmissions"
            """;
        settle.Parameters.AddWithValue("$now", now.Ticks);
        settle.Parameters.AddWithValue("$id", LockoutRecord.SingletonId);
        if (settle.ExecuteScalar() is not long failed)
        {
            return false;
        }

        using var audit = connection.CreateCommand();
        audit.Transaction = transaction;
        audit.CommandText = """
            INSERT INTO "LockoutEvents" ("At", "Kind", "FailedSubmissions", "Detail")
            VALUES ($now, $kind, $failed, 'A submission was under way when IBeam stopped; it counts as failed.')
            """;
        audit.Parameters.AddWithValue("$now", now.Ticks);
        audit.Parameters.AddWithValue("$kind", nameof(LockoutEventKind.InterruptedSubmissionCounted));
        audit.Parameters.AddWithValue("$failed", failed);
        audit.ExecuteNonQuery();
        transaction.Commit();
        return true;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
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
