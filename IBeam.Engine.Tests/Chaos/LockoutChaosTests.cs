using System.Globalization;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Benchmarks;
using IBeam.Engine.Tests.Shared;
using Xunit.Abstractions;

namespace IBeam.Engine.Tests.Chaos;

[CollectionDefinition(nameof(LockoutChaosTests), DisableParallelization = true)]
public sealed class LockoutChaosCollection;

/// <summary>
/// The lock-out law under chaos: randomized faults, before and in the middle of logins, with the
/// engine restarted along the way. Alone in its collection, so that the Chromium processes it
/// counts are its own. The scenarios are shared among lanes that play side by side, each with its
/// own sandbox, database and engine: most of a scenario is spent waiting on a timeout, so two lanes
/// take about half the time on two cores. CHAOS_SEED replays a run; CHAOS_SCENARIOS
/// changes its length, CHAOS_LANES its width.
/// </summary>
[Collection(nameof(LockoutChaosTests))]
public sealed class LockoutChaosTests(SandboxFixture fixture, ITestOutputHelper output) : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ibeam-chaos-").FullName;

    [Fact]
    public Task Two_hundred_random_scenarios_never_break_the_lockout_law() => PlayAsync(Setting("CHAOS_SCENARIOS", 200), report: false);

    [Fact]
    [Trait("Category", "Benchmark")]
    public Task A_thousand_random_scenarios_never_break_the_lockout_law() => PlayAsync(Setting("CHAOS_SCENARIOS", 1000), report: true);

    /// <param name="report">Write the run's figures to the "chaos" section of BENCHMARKS.md (the long mode).</param>
    private async Task PlayAsync(int scenarios, bool report)
    {
        var machine = BenchmarkReport.Machine;
        var seed = Setting("CHAOS_SEED", Random.Shared.Next());
        // Lanes count their own Chromium through a launcher script of their own, which needs Debian's Chromium.
        var lanes = ChromiumProcesses.CanCreateOwnLauncher ? Setting("CHAOS_LANES", 2) : 1;
        output.WriteLine($"Chaos seed {seed}, {scenarios} scenarios in {lanes} lane(s)");
        var started = TimeProvider.System.GetTimestamp();

        var runs = new List<ChaosRun>();
        var sandboxes = new List<SandboxGateway>();
        try
        {
            for (var lane = 0; lane < lanes; lane++)
            {
                var sandbox = lane == 0 ? fixture.Fresh() : await SandboxGateway.StartAsync();
                if (lane > 0)
                {
                    sandboxes.Add(sandbox);
                }

                runs.Add(new ChaosRun(sandbox, Directory.CreateDirectory(Path.Combine(_folder, $"lane-{lane}")).FullName, seed, lane));
            }

            // A lane's share: the scenarios left over go to the first lanes.
            await Task.WhenAll(runs.Select((run, lane) => Task.Run(() => run.PlayAsync(scenarios / lanes + (lane < scenarios % lanes ? 1 : 0)))));
        }
        finally
        {
            foreach (var run in runs)
            {
                await run.DisposeAsync();
            }

            foreach (var sandbox in sandboxes)
            {
                await sandbox.DisposeAsync();
            }
        }

        var played = runs.SelectMany(r => r.Played).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        var summary = $"{runs.Sum(r => r.Logins)} credential submissions, {runs.Sum(r => r.GuardStops)} guard stops, {runs.Sum(r => r.Recoveries)} recoveries checked, " +
                      $"{TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s";
        var faults = string.Join(", ", played.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
        var slowest = string.Join("; ", runs.SelectMany(r => r.Timings).OrderByDescending(t => t.Took).Take(8).Select(t => $"{t.Scenario} {t.Took.TotalSeconds:0.0} s"));
        output.WriteLine($"{summary}; {faults}");
        output.WriteLine("Slowest: " + slowest);
        if (scenarios >= 100)
        {
            Assert.Equal(Enum.GetValues<ChaosFault>().Length, played.Count);
        }

        if (report)
        {
            BenchmarkReport.WriteSection("chaos", string.Join('\n',
                "## Chaos suite, long mode",
                "",
                $"{machine} {scenarios} randomized scenarios in {lanes} lane(s), seed {seed} (`CHAOS_SEED={seed}` replays it), IBEAM_MAX_FAILED_AUTH={ChaosRun.MaxFailedAuth}. " +
                "Every invariant held after every pass: consecutive failed submissions seen by the sandbox within the maximum (counted from the last operator reset) and no lock-out, " +
                "every attempt with an outcome, no Chromium process left after a login, authenticated again in the first pass once a fault cleared (checked after every guard stop and every third scenario), no exception logged.",
                "",
                $"- {summary}",
                $"- faults played: {faults}",
                $"- slowest scenarios: {slowest}",
                ""));
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var given) ? given : fallback;

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
