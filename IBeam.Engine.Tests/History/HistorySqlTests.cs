using IBeam.Engine.Data.Queries;
using IBeam.Engine.Login;
using IBeam.Engine.Tests.Shared;
using Xunit.Abstractions;
using static IBeam.Engine.Tests.Shared.AttemptData;

namespace IBeam.Engine.Tests.History;

/// <summary>
/// The history's filters run in SQL on stored values (ticks, enum names) and every step of every
/// plan reads an index: none scans the Attempts table, which is what keeps a page fast at 100,000 rows.
/// </summary>
public sealed class HistorySqlTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    public static TheoryData<string> Filters => [.. FilterShapes.Keys];

    private static readonly Dictionary<string, AttemptFilter> FilterShapes = new()
    {
        ["none"] = AttemptFilter.All,
        ["one outcome"] = new() { Outcomes = [LoginOutcome.CodeRejected] },
        ["failures"] = new() { Outcomes = [.. Enum.GetValues<LoginOutcome>().Where(o => o != LoginOutcome.Succeeded)] },
        ["time range"] = new() { From = new DateTimeOffset(Monday), To = new DateTimeOffset(Monday.AddDays(7)) },
        ["handler"] = new() { Handler = "EXTERNAL_REQUEST" },
        ["outcome, handler and time"] = new()
        {
            Outcomes = [LoginOutcome.CodeRejected, LoginOutcome.PageTimeout],
            Handler = "EXTERNAL_REQUEST",
            From = new DateTimeOffset(Monday),
            To = new DateTimeOffset(Monday.AddDays(7)),
        },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task A_page_counts_pages_and_reads_steps_through_indexes(string shape)
    {
        await _database.SeedAsync([.. EveryMinute(Monday, 3, LoginOutcome.CodeRejected), Attempt(Monday.AddHours(1))]);
        var plans = new QueryPlans();
        _database.Interceptor = plans;

        await new AttemptHistory(_database).PageAsync(FilterShapes[shape], AttemptPaging.First());
        await new AttemptHistory(_database).PageAsync(FilterShapes[shape], AttemptPaging.Following(new AttemptCursor(Monday.AddDays(1), Guid.Empty)));

        var explained = plans.Explain(_database.Location.ConnectionString);
        Assert.Equal(6, explained.Count); // count, page, steps; then the same after a cursor
        Assert.All(explained, e => AssertIndexed(e.Sql, e.Plan));
        Assert.Contains("LIMIT", explained[1].Sql);
        Assert.Contains("LIMIT", explained[4].Sql);
    }

    [Fact]
    public async Task Filters_compare_ticks_and_enum_names_in_SQL()
    {
        var plans = new QueryPlans();
        _database.Interceptor = plans;

        await new AttemptHistory(_database).PageAsync(FilterShapes["outcome, handler and time"], AttemptPaging.First());

        var count = plans.Commands[0];
        output.WriteLine(count);
        Assert.Matches("\"StartedAt\" >= @", count);
        Assert.Matches("\"StartedAt\" < @", count);
        Assert.Matches("\"Outcome\" IN \\(@", count);
        Assert.Matches("\"Handler\" = @", count);
    }

    [Fact]
    public async Task Daily_stats_read_a_range_of_the_start_time_index()
    {
        var plans = new QueryPlans();
        _database.Interceptor = plans;

        await new AttemptHistory(_database).DailyStatsAsync(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 30));

        var (sql, plan) = Assert.Single(plans.Explain(_database.Location.ConnectionString));
        AssertIndexed(sql, plan);
        Assert.Contains(plan, line => line.Contains("IX_Attempts_StartedAt (StartedAt>? AND StartedAt<?)", StringComparison.Ordinal));
    }

    private void AssertIndexed(string sql, IReadOnlyList<string> plan)
    {
        output.WriteLine(sql);
        output.WriteLine("  " + string.Join(Environment.NewLine + "  ", plan));

        // A scan of a subquery's rows (a co-routine: one outcome's newest attempts) reads no table.
        var subqueries = plan.Where(line => line.StartsWith("CO-ROUTINE ", StringComparison.Ordinal)).Select(line => "SCAN " + line["CO-ROUTINE ".Length..]).ToHashSet();
        Assert.All(plan.Where(line => line.StartsWith("SCAN", StringComparison.Ordinal) || line.StartsWith("SEARCH", StringComparison.Ordinal)).Except(subqueries),
            line => Assert.Contains("INDEX", line, StringComparison.Ordinal));
    }
}
