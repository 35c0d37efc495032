using System.Globalization;
using System.Text;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.Login;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;
using Xunit.Abstractions;

namespace IBeam.Engine.Tests.Benchmarks;

/// <summary>
/// The engine's own share of a login: the attempt's wall time, as the attempt history records it, less the
/// time spent waiting on the handler (its step HandlerAsked to CodeObtained) and on the gateway (each request the
/// sandbox's gateway port answered, from its arrival to its answer). Writes the "engine-overhead" section of BENCHMARKS.md.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkReport.Collection)]
public sealed class EngineOverheadBenchmark(SandboxFixture fixture, ITestOutputHelper output) : IClassFixture<SandboxFixture>
{
    private const int Runs = 9;
    private const double TargetMs = 500;

    [Fact]
    public async Task Login_time_not_spent_waiting_on_the_gateway_or_the_handler()
    {
        var machine = BenchmarkReport.Machine;
        var logins = await BenchmarkReport.AfterWarmUpAsync(Runs, async () =>
        {
            var (attempt, requests) = await JournaledLogin.RunAsync(fixture.Fresh(), whileRunning: null);
            return Breakdown.Of(attempt, requests);
        });

        var report = Report(machine, logins);
        output.WriteLine(report);
        BenchmarkReport.WriteSection("engine-overhead", report);
    }

    private static string Report(string machine, IReadOnlyList<Breakdown> logins)
    {
        static string Ms(double ms) => BenchmarkReport.Milliseconds(ms);
        var rows = new (string Figure, Func<Breakdown, double> Ms, bool Judged)[]
        {
            ("Login wall time (attempt recorded → attempt ended)", b => b.WallMs, false),
            ("… of which waiting on the handler (EXTERNAL_REQUEST to the sandbox's phone)", b => b.HandlerMs, false),
            ("… of which waiting on the gateway (its port answering the page's requests)", b => b.GatewayMs, false),
            ("Engine overhead: login time not spent waiting on the gateway or the handler", b => b.OverheadMs, true),
        };
        var text = new StringBuilder()
            .AppendLine("## Engine overhead of a login")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{machine} One login per run (handler EXTERNAL_REQUEST, the sandbox's phone) in a fresh engine, as the maintenance loop makes it (`SessionActions.LogInAsync`); median of {Runs} runs after one warm-up, with the minimum and maximum.")
            .AppendLine("Method: the wall time is the attempt's StartedAt to EndedAt in the attempt history. From it is taken the time covered by waiting: the handler (its steps HandlerAsked to CodeObtained in the history) and the gateway (every request the sandbox's gateway port answered in that time, from its arrival to its answer; the sandbox logs them). Overlaps are counted once. What is left is the engine's own time, Chromium included: starting Playwright's driver and Chromium, Chromium loading and running the page, typing, the history's writes. The login is one the maintenance loop makes when a session is lost (no Chromium started ahead of it, as a pass at start-up does). With the in-process sandbox the gateway answers in well under a millisecond, so a real gateway's slowness is not in these figures, and the TLS handshakes on loopback count as the engine's.")
            .AppendLine()
            .AppendLine("| figure | median | min | max | target | met |")
            .AppendLine("|---|---|---|---|---|---|");
        foreach (var (figure, ms, judged) in rows)
        {
            var (median, min, max) = BenchmarkReport.Spread([.. logins.Select(ms)]);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {Ms(median)} | {Ms(min)} | {Ms(max)} | {(judged ? $"≤ {Ms(TargetMs)}" : "")} | {(judged ? BenchmarkReport.Met(median <= TargetMs) : "")} |");
        }

        text.AppendLine()
            .AppendLine("Where the overhead goes: the engine's own time between consecutive steps of the history (waiting taken out), median over the runs.")
            .AppendLine()
            .AppendLine("| between | engine's own time |")
            .AppendLine("|---|---|");
        foreach (var segment in logins.SelectMany(l => l.Segments).GroupBy(s => s.Name))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {segment.Key} | {BenchmarkReport.Milliseconds(BenchmarkReport.Spread([.. segment.Select(s => s.OwnMs)]).Median)} |");
        }

        return text.ToString();
    }

    /// <summary>One login's wall time, its waits, and the engine's own time between each two steps, in ms.</summary>
    private sealed record Breakdown(double WallMs, double HandlerMs, double GatewayMs, double OverheadMs, IReadOnlyList<(string Name, double OwnMs)> Segments)
    {
        public static Breakdown Of(AttemptView attempt, IReadOnlyList<SandboxRequest> requests)
        {
            var start = attempt.StartedAt;
            var end = attempt.EndedAt!.Value;
            var handler = (From: At(attempt, LoginStep.HandlerAsked), To: At(attempt, LoginStep.CodeObtained));
            var gateway = requests.Select(r => (From: r.ReceivedAt.UtcDateTime, To: r.AnsweredAt.UtcDateTime)).ToList();
            List<(DateTime From, DateTime To)> waiting = [handler, .. gateway];

            var marks = new List<(string Name, DateTime At)> { ("attempt recorded", start) };
            marks.AddRange(attempt.Steps.Select(s => (s.Step.ToString(), s.At)));
            marks.Add(("attempt ended", end));
            var segments = marks.Zip(marks.Skip(1), (a, b) => ($"{a.Name} → {b.Name}", ((b.At - a.At) - Covered(waiting, a.At, b.At)).TotalMilliseconds)).ToList();

            var wall = end - start;
            return new Breakdown(wall.TotalMilliseconds, Covered([handler], start, end).TotalMilliseconds, Covered(gateway, start, end).TotalMilliseconds,
                (wall - Covered(waiting, start, end)).TotalMilliseconds, segments);
        }

        private static DateTime At(AttemptView attempt, LoginStep step) => attempt.Steps.Single(s => s.Step == step).At;

        /// <summary>How much of <paramref name="from"/> to <paramref name="to"/> the intervals cover, overlaps counted once.</summary>
        private static TimeSpan Covered(IEnumerable<(DateTime From, DateTime To)> intervals, DateTime from, DateTime to)
        {
            var covered = TimeSpan.Zero;
            var reached = from;
            foreach (var (start, end) in intervals.Select(i => (Start: Max(i.From, from), End: Min(i.To, to))).Where(i => i.End > i.Start).OrderBy(i => i.Start))
            {
                if (end > reached)
                {
                    covered += end - Max(start, reached);
                    reached = end;
                }
            }

            return covered;
        }

        private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

        private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
    }
}
