using IBeam.Engine.Data;
using IBeam.Engine.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IBeam.Engine.Tests.Shared;

/// <summary>A database file in a temporary folder, prepared as the start-up step leaves it (migrated, WAL).</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("ibeam-db-").FullName;
        Location = new DatabaseLocation(Path.Combine(Folder, "ibeam.db"));
        DatabaseStartup.Prepare(Location, TimeProvider.System);
    }

    public string Folder { get; }

    public DatabaseLocation Location { get; }

    public IDbContextFactory<IBeamDbContext> Contexts => new ContextFactory(Location);

    public void Add(params IEnumerable<LogEntry> entries)
    {
        using var context = DatabaseStartup.CreateContext(Location);
        context.Logs.AddRange(entries);
        context.SaveChanges();
    }

    /// <summary>Every stored log row, oldest first.</summary>
    public List<LogEntry> Logs()
    {
        using var context = DatabaseStartup.CreateContext(Location);
        return [.. context.Logs.AsNoTracking().OrderBy(l => l.Id)];
    }

    /// <summary>Throws unless the full-text index holds exactly what the Logs table does (FTS5's own check).</summary>
    public void CheckSearchIndex()
    {
        using var connection = new SqliteConnection(Location.ConnectionString);
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = """INSERT INTO "LogsSearch" ("LogsSearch", rank) VALUES ('integrity-check', 1);""";
        check.ExecuteNonQuery();
    }

    /// <summary>Holds the database's write lock, as another process writing would, until disposed.</summary>
    public IDisposable HoldWriteLock()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Location.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE;";
        begin.ExecuteNonQuery();
        return connection; // disposing it rolls back and releases the lock
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the system.
        }
    }

    private sealed class ContextFactory(DatabaseLocation location) : IDbContextFactory<IBeamDbContext>
    {
        public IBeamDbContext CreateDbContext() => DatabaseStartup.CreateContext(location);
    }
}
