using IBeam.Engine.Data;
using IBeam.Engine.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IBeam.Engine.Tests.Shared;

/// <summary>
/// A real SQLite file in a temporary folder, prepared by the start-up step (migrations, WAL) as
/// the engine prepares its own. It is its own context factory; commands can be recorded for plans.
/// </summary>
public sealed class TempDatabase : IDbContextFactory<IBeamDbContext>, IDisposable
{
    public TempDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("ibeam-db-").FullName;
        Location = new DatabaseLocation(Path.Combine(Folder, "ibeam.db"));
        DatabaseStartup.Prepare(Location, TimeProvider.System);
    }

    public string Folder { get; }

    public DatabaseLocation Location { get; }

    public IDbContextFactory<IBeamDbContext> Contexts => this;

    /// <summary>When set, every context it makes reports its commands here.</summary>
    public IInterceptor? Interceptor { get; set; }

    public IBeamDbContext CreateDbContext()
    {
        var builder = new DbContextOptionsBuilder<IBeamDbContext>();
        builder.UseIBeamDatabase(Location);
        if (Interceptor is not null)
        {
            builder.AddInterceptors(Interceptor);
        }

        return new IBeamDbContext(builder.Options);
    }

    public async Task SeedAsync(params IEnumerable<LoginAttempt> attempts)
    {
        await using var context = CreateDbContext();
        context.Attempts.AddRange(attempts);
        await context.SaveChangesAsync();
    }

    public void Add(params IEnumerable<LogEntry> entries)
    {
        using var context = CreateDbContext();
        context.Logs.AddRange(entries);
        context.SaveChanges();
    }

    /// <summary>Every stored log row, oldest first.</summary>
    public List<LogEntry> Logs()
    {
        using var context = CreateDbContext();
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
        // Pooled connections keep the file open; close them before the folder goes.
        SqliteConnection.ClearPool(new SqliteConnection(Location.ConnectionString));
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The system cleans its temp folder.
        }
    }
}
