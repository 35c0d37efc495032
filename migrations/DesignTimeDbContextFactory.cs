using IBeam.Engine.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IBeam.Migrations;

/// <summary>Lets dotnet-ef build the context without starting IBeam (dotnet ef migrations add X --project migrations).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<IBeamDbContext>
{
    public IBeamDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IBeamDbContext>()
            .UseSqlite($"Data Source={Path.Combine(Path.GetTempPath(), "ibeam-design-time.db")}", sqlite => sqlite.MigrationsAssembly(IBeamDbContext.MigrationsAssembly))
            .Options);
}
