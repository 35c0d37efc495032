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
    private readonly string _folder = Directory.CreateTempSubdirectory("ibeam-db-").FullName;

    public TempDatabase()
    {
        Location = new DatabaseLocation(Path.Combine(_folder, "ibeam.db"));
        DatabaseStartup.Prepare(Location, TimeProvider.System);
    }

    public DatabaseLocation Location { get; }

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

    public void Dispose()
    {
        // Pooled connections keep the file open; close them before the folder goes.
        SqliteConnection.ClearPool(new SqliteConnection(Location.ConnectionString));
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The system cleans its temp folder.
        }
    }
}
