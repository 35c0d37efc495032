using IBeam.Engine.Configuration;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.Operators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Data;

public static class DatabaseRegistration
{
    public static DbContextOptionsBuilder UseIBeamDatabase(this DbContextOptionsBuilder builder, DatabaseLocation location) =>
        builder.UseSqlite(location.ConnectionString, sqlite => sqlite.MigrationsAssembly(IBeamDbContext.MigrationsAssembly));

    /// <summary>The context factory (components and services make a short-lived context per unit of work), and the queries the dashboard reads with.</summary>
    public static IServiceCollection AddIBeamDatabase(this IServiceCollection services)
    {
        services.AddSingleton(sp => DatabaseLocation.From(sp.GetRequiredService<IOptions<IBeamOptions>>().Value));
        services.AddDbContextFactory<IBeamDbContext>((sp, builder) => builder.UseIBeamDatabase(sp.GetRequiredService<DatabaseLocation>()));
        services.AddSingleton<LogQueries>();
        services.AddSingleton<OperatorAudit>();
        return services;
    }
}
