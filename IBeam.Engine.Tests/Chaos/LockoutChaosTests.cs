using System.Globalization;
using IBeam.Engine.Tests.Shared;
using Xunit.Abstractions;

namespace IBeam.Engine.Tests.Chaos;

[CollectionDefinition(nameof(LockoutChaosTests), DisableParallelization = true)]
public sealed class LockoutChaosCollection;

/// <summary>
/// The lock-out law under chaos: randomized faults, before and in the middle of logins, with the
/// engine restarted along the way. Alone in its collection, so that the Chromium processes it
/// counts are its own. IBEAM_CHAOS_SEED replays a run; IBEAM_CHAOS_SCENARIOS changes its length.
/// </summary>
[Collection(nameof(LockoutChaosTests))]
public sealed class LockoutChaosTests(SandboxFixture fixture, ITestOutputHelper output) : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ibeam-chaos-").FullName;

    [Fact]
    public Task Two_hundred_random_scenarios_never_break_the_lockout_law() => PlayAsync(Scenarios(200));

    [Fact]
    [Trait("Category", "Benchmark")]
    public Task A_thousand_random_scenarios_never_break_the_lockout_law() => PlayAsync(Scenarios(1000));

    private async Task PlayAsync(int scenarios)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("IBEAM_CHAOS_SEED"), CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next();
        output.WriteLine($"Chaos seed {seed}, {scenarios} scenarios");
        var started = TimeProvider.System.GetTimestamp();
        await using var run = new ChaosRun(fixture.Fresh(), _folder, seed);

        await run.PlayAsync(scenarios);

        output.WriteLine($"{run.Logins} credential submissions, {run.GuardStops} guard stops, {run.Recoveries} recoveries checked, {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s; " +
                         string.Join(", ", run.Played.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        output.WriteLine("Slowest: " + string.Join("; ", run.Timings.OrderByDescending(t => t.Took).Take(8).Select(t => $"{t.Scenario} {t.Took.TotalSeconds:0.0} s")));
        if (scenarios >= 100)
        {
            Assert.Equal(Enum.GetValues<ChaosFault>().Length, run.Played.Count);
        }
    }

    private static int Scenarios(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("IBEAM_CHAOS_SCENARIOS"), CultureInfo.InvariantCulture, out var given) ? given : fallback;

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
