using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.Login;
using IBeam.Engine.Tests.Shared;
using Xunit.Abstractions;

namespace IBeam.Engine.Tests.Benchmarks;

/// <summary>
/// Times the dashboard's history queries on a year of 100,000 attempts (and their steps) and writes
/// the figures, with SQLite's plans, to the "history" section of BENCHMARKS.md.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkReport.Collection)]
public sealed class HistoryBenchmark(ITestOutputHelper output) : IDisposable
{
    private const int Attempts = 100_000;
    private const int Runs = 9;
    private const double PageTarget = 100;

    private static readonly DateTime Now = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);

    private static readonly AttemptFilter Failures = new() { Outcomes = [.. Enum.GetValues<LoginOutcome>().Where(o => o != LoginOutcome.Succeeded)] };

    /// <summary>The first page a dashboard shows under each kind of filter; the 100 ms target applies to these.</summary>
    private static readonly (string Name, AttemptFilter Filter)[] FirstPages =
    [
        ("failures (every outcome but Succeeded)", Failures),
        ("one outcome (CodeRejected)", new() { Outcomes = [LoginOutcome.CodeRejected] }),
        ("one handler (GOOGLE_MSG)", new() { Handler = "GOOGLE_MSG" }),
        ("last 30 days", new() { From = Now.AddDays(-30), To = Now }),
        ("failures of one handler in the last 30 days", Failures with { Handler = "EXTERNAL_REQUEST", From = Now.AddDays(-30), To = Now }),
        ("no filter", AttemptFilter.All),
    ];

    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task History_queries_on_a_year_of_100000_attempts()
    {
        var seeding = Stopwatch.StartNew();
        HistorySeeder.Seed(_database.Location.ConnectionString, Attempts, Now);
        seeding.Stop();
        var history = new AttemptHistory(_database);
        var rows = new List<(string Figure, string Target, IReadOnlyList<double> Ms)>();

        foreach (var (name, filter) in FirstPages)
        {
            rows.Add(($"First page of 50 with steps and the total, {name}", $"≤ {PageTarget} ms", await TimeAsync(async () =>
            {
                var page = await history.PageAsync(filter, AttemptPaging.First());
                Assert.Equal(50, page.Attempts.Count);
                Assert.All(page.Attempts, a => Assert.NotEmpty(a.Steps));
            })));
        }

        var deep = (await history.PageAsync(Failures, AttemptPaging.Number(99))).Next!;
        rows.Add(("Page 100 by number (offset 4,950), failures", "", await TimeAsync(() => history.PageAsync(Failures, AttemptPaging.Number(99)))));
        rows.Add(("Page 101 after a cursor, failures", "", await TimeAsync(() => history.PageAsync(Failures, AttemptPaging.Following(deep)))));
        rows.Add(("Daily stats, 30 days, UTC", "", await TimeAsync(() => history.DailyStatsAsync(Today.AddDays(-30), Today.AddDays(-1)))));
        rows.Add(("Daily stats, 30 days, Europe/Berlin", "", await TimeAsync(() => history.DailyStatsAsync(Today.AddDays(-30), Today.AddDays(-1), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")))));
        rows.Add(("Daily stats, 365 days, UTC", "", await TimeAsync(() => history.DailyStatsAsync(Today.AddDays(-365), Today.AddDays(-1)))));
        rows.Add(("CSV export of all 100,000 attempts with their steps", "", await TimeAsync(() => history.ExportCsvAsync(AttemptFilter.All, Stream.Null), runs: 3)));

        var report = Report(rows, seeding.Elapsed, await PlansAsync());
        output.WriteLine(report);
        BenchmarkReport.WriteSection("history", report);
        Assert.All(rows.Take(FirstPages.Length), r => Assert.True(BenchmarkReport.Spread(r.Ms).Median <= PageTarget, $"{r.Figure}: {BenchmarkReport.Spread(r.Ms).Median:0.0} ms"));
    }

    /// <summary>One warm-up call (it also checks the result), then <paramref name="runs"/> timed calls, in milliseconds.</summary>
    private static async Task<IReadOnlyList<double>> TimeAsync(Func<Task> query, int runs = Runs)
    {
        await query();
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            await query();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    /// <summary>SQLite's plan for each query of each first page, and of the daily stats.</summary>
    private async Task<string> PlansAsync()
    {
        var plans = new QueryPlans();
        _database.Interceptor = plans;
        var text = new StringBuilder();
        foreach (var (name, filter) in FirstPages)
        {
            plans.Clear();
            await new AttemptHistory(_database).PageAsync(filter, AttemptPaging.First());
            text.AppendLine(CultureInfo.InvariantCulture, $"{name}:");
            foreach (var ((_, plan), query) in plans.Explain(_database.Location.ConnectionString).Zip(["count", "page ", "steps"]))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {query}  {Summary(plan)}");
            }
        }

        plans.Clear();
        await new AttemptHistory(_database).DailyStatsAsync(Today.AddDays(-30), Today.AddDays(-1));
        text.AppendLine("daily stats:").AppendLine("  " + Summary(plans.Explain(_database.Location.ConnectionString)[0].Plan));
        _database.Interceptor = null;
        return text.ToString();
    }

    /// <summary>A plan on one line: EF's table aliases dropped, and the repeated plan of each arm of a union counted once.</summary>
    private static string Summary(IReadOnlyList<string> plan)
    {
        // "CO-ROUTINE a1" runs a subquery; "SCAN a1" then reads its rows, not a table.
        var skipped = plan.Where(line => line.StartsWith("CO-ROUTINE ", StringComparison.Ordinal))
            .SelectMany(line => new[] { line, "SCAN " + line["CO-ROUTINE ".Length..] })
            .Concat(["LEFT", "RIGHT"])
            .ToHashSet();
        return string.Join(" · ", plan
            .Where(line => !skipped.Contains(line))
            .Select(line => Regex.Replace(line, @"^(SCAN|SEARCH) a\d* ", "$1 "))
            .CountBy(line => line)
            .Select(g => g.Value == 1 ? g.Key : $"{g.Value} × {g.Key}"));
    }

    private string Report(IEnumerable<(string Figure, string Target, IReadOnlyList<double> Ms)> rows, TimeSpan seeding, string plans)
    {
        static string Ms(double ms) => ms.ToString(ms < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";
        var size = new FileInfo(_database.Location.DatabasePath).Length / (1024.0 * 1024);
        var text = new StringBuilder()
            .AppendLine("## History queries")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{BenchmarkReport.Machine} A SQLite file of {Attempts:N0} attempts over a year (88 % successes, three handlers) and their steps, {size:0} MB, seeded in {seeding.TotalSeconds:0.0} s; no ANALYZE statistics, as in a real installation. Each figure is the median of {Runs} runs (the export: 3) after one warm-up run, with the minimum and maximum; `AttemptHistory` as the dashboard calls it, a new context per call.")
            .AppendLine()
            .AppendLine("| figure | median | min | max | target | met |")
            .AppendLine("|---|---|---|---|---|---|");
        foreach (var (figure, target, ms) in rows)
        {
            var (median, min, max) = BenchmarkReport.Spread(ms);
            var met = target.Length == 0 ? "" : median <= PageTarget ? "yes" : "**no**";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {Ms(median)} | {Ms(min)} | {Ms(max)} | {target} | {met} |");
        }

        return text
            .AppendLine()
            .AppendLine("SQLite's plans (EXPLAIN QUERY PLAN) for the first pages: the count, the page, the steps of its attempts.")
            .AppendLine()
            .AppendLine("```")
            .Append(plans)
            .AppendLine("```")
            .ToString();
    }
}
