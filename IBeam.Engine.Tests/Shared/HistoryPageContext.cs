using IBeam.Engine.Data;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IBeam.Engine.Tests.Shared;

/// <summary>A bUnit context for the History page and its controls: a real SQLite history, the engine's state, and a clock in UTC on <see cref="Today"/>.</summary>
public abstract class HistoryPageContext : DashboardTestContext
{
    /// <summary>Friday of the week of <see cref="AttemptData.Monday"/>, at noon.</summary>
    public static readonly DateTimeOffset Now = new(AttemptData.Monday.AddDays(4).AddHours(12));

    protected HistoryPageContext()
    {
        Time.SetLocalTimeZone(TimeZoneInfo.Utc);
        Engine = new EngineState(Time);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(Engine);
        Services.AddSingleton<IDbContextFactory<IBeamDbContext>>(Database);
        Services.AddSingleton(new AttemptHistory(Database));
    }

    protected TempDatabase Database { get; } = new();

    protected FakeTimeProvider Time { get; } = new(Now);

    protected EngineState Engine { get; }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Database.Dispose();
    }
}
