using System.Diagnostics;
using System.Globalization;
using System.Text;
using IBeam.Engine.Configuration;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.Logging;
using IBeam.Engine.Tests.Shared;
using Microsoft.Data.Sqlite;
using Serilog;
using Serilog.Events;
using Xunit.Abstractions;

namespace IBeam.Engine.Tests.Benchmarks;

/// <summary>
/// The database log with a million rows: how fast the dashboard's search answers its first page, and
/// how many events per second the sink stores while a stand-in for the engine's loop keeps its
/// timing. Writes its section of BENCHMARKS.md. Not part of the default run (Category=Benchmark).
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkReport.Collection)]
public sealed class LogBenchmark(ITestOutputHelper output)
{
    private const int SeededRows = 1_000_000;
    private const int Runs = 7;
    private const int BurstEvents = 200_000;
    private const int PacedRate = 5_000;
    private static readonly TimeSpan PacedFor = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LoopPeriod = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Log_search_and_ingestion()
    {
        var machine = BenchmarkReport.Machine;
        using var database = new TempDatabase();
        var now = DateTime.UtcNow;
        var seeding = Stopwatch.StartNew();
        LogSeed.Insert(database.Location, SeededRows, now);
        seeding.Stop();
        var size = new FileInfo(database.Location.DatabasePath).Length + new FileInfo(database.Location.DatabasePath + "-wal").Length;

        var searches = await SearchesAsync(new LogQueries(database.Contexts), now);
        var idle = LoopLateness.Start(LoopPeriod);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var baseline = await idle.StopAsync();
        var burst = await BurstAsync(database);
        var paced = await PacedAsync(database);

        var report = Report(machine, searches, baseline, burst, paced, seeding.Elapsed, size);
        output.WriteLine(report);
        BenchmarkReport.WriteSection("logs", report);
    }

    private static async Task<List<(string Figure, List<double> Ms)>> SearchesAsync(LogQueries queries, DateTime now)
    {
        var threeWeeksAgo = now.Date.AddDays(-21);
        var cases = new (string Figure, LogQuery Query)[]
        {
            ("no filter", new LogQuery()),
            ("Warning and above (10% of rows)", new LogQuery { MinLevel = LogEventLevel.Warning }),
            ("Fatal only (0.5% of rows)", new LogQuery { MinLevel = LogEventLevel.Fatal }),
            ("the last hour", new LogQuery { From = now.AddHours(-1) }),
            ("a common word: `gateway` (about 40% of rows)", new LogQuery { Text = "gateway" }),
            ("a rare word: `attention`", new LogQuery { Text = "attention" }),
            ("a word's start: `auth` (authenticated, authentication, …)", new LogQuery { Text = "auth" }),
            ("two words: `session authenticated`", new LogQuery { Text = "session authenticated" }),
            ("a word at a level it never has: `authenticated`, Fatal (no match)", new LogQuery { Text = "authenticated", MinLevel = LogEventLevel.Fatal }),
            ("a word, Error and above, one day three weeks ago", new LogQuery { Text = "gateway", MinLevel = LogEventLevel.Error, From = threeWeeksAgo, To = threeWeeksAgo.AddDays(1) }),
            ("page 20 of a common word", new LogQuery { Text = "gateway", Page = 19 }),
            ("page 20, Warning and above", new LogQuery { MinLevel = LogEventLevel.Warning, Page = 19 }),
        };

        var results = new List<(string, List<double>)>();
        foreach (var (figure, query) in cases)
        {
            var times = new List<double>();
            for (var run = 0; run <= Runs; run++)
            {
                var clock = Stopwatch.StartNew();
                var page = await queries.SearchAsync(query);
                clock.Stop();
                Assert.True(page.Entries.Count > 0 || query.MinLevel == LogEventLevel.Fatal, figure);
                if (run > 0)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds); // the first run warms the cache and is not counted
                }
            }

            results.Add((figure, times));
        }

        return results;
    }

    /// <summary>As many events as one thread can log, with a queue that holds them all: the rate the database takes them at.</summary>
    private static async Task<Ingestion> BurstAsync(TempDatabase database)
    {
        var batching = DatabaseLogSinkExtensions.DefaultBatching();
        batching.QueueLimit = BurstEvents;
        return await IngestAsync(database, batching, BurstEvents, (log, _) =>
        {
            var random = new Random(11);
            for (var i = 0; i < BurstEvents; i++)
            {
                Log(log, random);
            }
        });
    }

    /// <summary>The target rate, spread evenly, with IBeam's own queue: nothing may be dropped.</summary>
    private static async Task<Ingestion> PacedAsync(TempDatabase database)
    {
        var total = (int)(PacedRate * PacedFor.TotalSeconds);
        return await IngestAsync(database, DatabaseLogSinkExtensions.DefaultBatching(), total, (log, clock) =>
        {
            var random = new Random(13);
            for (var i = 0; i < total;)
            {
                var due = Math.Min(total, (int)(clock.Elapsed.TotalSeconds * PacedRate));
                for (; i < due; i++)
                {
                    Log(log, random);
                }

                Thread.Sleep(1);
            }
        });
    }

    private static async Task<Ingestion> IngestAsync(TempDatabase database, Serilog.Configuration.BatchingOptions batching, int events, Action<ILogger, Stopwatch> produce)
    {
        var firstId = MaxId(database) + 1;
        var loop = LoopLateness.Start(LoopPeriod);
        var clock = Stopwatch.StartNew();
        TimeSpan logging, stored;
        using (var log = new LoggerConfiguration().MinimumLevel.Verbose()
                   .WriteTo.IBeamDatabase(database.Location, SqliteLogOptions.From(new StorageOptions()), batching).CreateLogger())
        {
            await Task.Factory.StartNew(() => produce(log, clock), TaskCreationOptions.LongRunning);
            logging = clock.Elapsed;
            await Eventually.HoldsAsync(() => MaxId(database) >= firstId + events - 1 || Dropped(database, firstId) > 0, "every event is stored", TimeSpan.FromMinutes(5));
            stored = clock.Elapsed;
        }

        var lateness = await loop.StopAsync();
        return new Ingestion(events, logging, stored, Dropped(database, firstId), lateness);
    }

    private static void Log(ILogger log, Random random)
    {
        var level = LogSeed.Level(random);
        log.ForContext("SourceContext", "IBeam.Engine.Maintenance.MaintenanceService")
            .Write(level, "{Text} ({Pass})", LogSeed.Message(random, level), random.Next());
    }

    private static long MaxId(TempDatabase database) => Scalar(database, """SELECT IFNULL(MAX("Id"), 0) FROM "Logs" """);

    private static long Dropped(TempDatabase database, long fromId) =>
        Scalar(database, $"""SELECT COUNT(*) FROM "Logs" WHERE "Id" >= {fromId} AND "Category" = '{LogNotices.Source}'""");

    private static long Scalar(TempDatabase database, string sql)
    {
        using var connection = new SqliteConnection(database.Location.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static string Report(string machine, List<(string Figure, List<double> Ms)> searches, Lateness baseline, Ingestion burst, Ingestion paced, TimeSpan seeding, long bytes)
    {
        static string Ms(double ms) => ms.ToString(ms < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";
        static string Rate(double perSecond) => perSecond.ToString("#,0", CultureInfo.InvariantCulture) + " events/s";
        static string Late(Lateness l) => $"{Ms(l.Median)} / {Ms(l.P99)} / {Ms(l.Max)} ({l.WakeUps} wake-ups)";
        var text = new StringBuilder()
            .AppendLine("## Log search and ingestion")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{machine.TrimEnd('.')}, on a database seeded with {SeededRows:#,0} log rows")
            .AppendLine(CultureInfo.InvariantCulture, $"over 29 days ({bytes / 1e6:0} MB with its full-text index; seeded at {SeededRows / seeding.TotalSeconds:#,0} rows/s through the index triggers).")
            .AppendLine(CultureInfo.InvariantCulture, $"A search is the first page of 50 through `LogQueries.SearchAsync`, median of {Runs} runs after one warm-up, with the minimum and maximum.")
            .AppendLine()
            .AppendLine("| search | median | min | max | target | met |")
            .AppendLine("|---|---|---|---|---|---|");
        foreach (var (figure, ms) in searches)
        {
            var sorted = ms.Order().ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {Ms(sorted[sorted.Count / 2])} | {Ms(sorted[0])} | {Ms(sorted[^1])} | ≤ 200 ms | {(sorted[sorted.Count / 2] <= 200 ? "yes" : "**no**")} |");
        }

        return text
            .AppendLine()
            .AppendLine("Ingestion: events logged through Serilog into the sink (IBeam's retention on: 30 days, 1,000,000 rows, so the table is pruned as it grows),")
            .AppendLine(CultureInfo.InvariantCulture, $"while a stand-in for the engine's loop waits {LoopPeriod.TotalMilliseconds:0} ms over and over and records how late it wakes (median / 99th percentile / worst).")
            .AppendLine()
            .AppendLine("| figure | measured | target | met |")
            .AppendLine("|---|---|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| Burst of {burst.Events:#,0} events from one thread, logged to stored | {Rate(burst.StoredRate)} | ≥ 5,000 events/s | {(burst.StoredRate >= 5_000 ? "yes" : "**no**")} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Same burst: time in the logging calls (the caller never waits for the database) | {burst.Logging.TotalMicroseconds / burst.Events:0.0} µs per event | — | — |")
            .AppendLine(CultureInfo.InvariantCulture, $"| {PacedRate:#,0} events/s for {PacedFor.TotalSeconds:0} s with IBeam's queue ({DatabaseLogSinkExtensions.DefaultBatching().QueueLimit:#,0}): events dropped | {paced.Dropped} | 0 | {(paced.Dropped == 0 ? "yes" : "**no**")} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Loop lateness, idle | {Late(baseline)} | — | — |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Loop lateness during the burst | {Late(burst.Loop)} | 99th ≤ 50 ms | {(burst.Loop.P99 <= 50 ? "yes" : "**no**")} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Loop lateness at {PacedRate:#,0} events/s | {Late(paced.Loop)} | 99th ≤ 50 ms | {(paced.Loop.P99 <= 50 ? "yes" : "**no**")} |")
            .ToString();
    }

    private sealed record Ingestion(int Events, TimeSpan Logging, TimeSpan Stored, long Dropped, Lateness Loop)
    {
        public double StoredRate => Events / Stored.TotalSeconds;
    }
}
