using System.Globalization;
using System.Text;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Benchmarks;

/// <summary>
/// Writes BENCHMARKS.md a section at a time. Each benchmark class owns one section, between
/// <c>&lt;!-- section: name --&gt;</c> and <c>&lt;!-- /section --&gt;</c>, and rewrites only that one:
/// running one benchmark keeps the figures of the others.
/// </summary>
public static class BenchmarkReport
{
    /// <summary>The xunit collection of every benchmark class: they run one after the other, not competing for the cores they measure.</summary>
    public const string Collection = "Benchmarks";

    private const string End = "<!-- /section -->";

    private const string Head = """
        # Benchmarks

        Each section is written by one class of IBeam.Engine.Tests/Benchmarks, which replaces its own section
        and leaves the others as they are. Run them all (not part of the default test run) with

        ```
        dotnet test IBeam.sln --filter "Category=Benchmark"
        ```

        """;

    // Each writer reads the file and writes it back; one at a time.
    private static readonly Lock Gate = new();

    public static string FilePath => Path.Combine(Repository.Root, "BENCHMARKS.md");

    /// <summary>When, and on what, a section's figures were measured, with the load average where the machine reports one (figures taken beside other work run slower).</summary>
    public static string Machine =>
        string.Create(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}{Load()}.");

    public static void WriteSection(string name, string markdown)
    {
        lock (Gate)
        {
            var document = File.Exists(FilePath) ? File.ReadAllText(FilePath) : Head;
            File.WriteAllText(FilePath, WithSection(document, name, markdown));
        }
    }

    /// <summary><paramref name="document"/> with section <paramref name="name"/> replaced, or added at the end.</summary>
    public static string WithSection(string document, string name, string markdown)
    {
        var start = $"<!-- section: {name} -->";
        var block = $"{start}\n{markdown.Trim()}\n{End}";
        var at = document.IndexOf(start, StringComparison.Ordinal);
        if (at < 0)
        {
            return $"{document.TrimEnd()}\n\n{block}\n";
        }

        var close = document.IndexOf(End, at, StringComparison.Ordinal);
        if (close < 0)
        {
            throw new InvalidOperationException($"BENCHMARKS.md: section {name} has no {End}.");
        }

        return document[..at] + block + document[(close + End.Length)..];
    }

    /// <summary>Median, minimum and maximum.</summary>
    public static (double Median, double Min, double Max) Spread(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[sorted.Count / 2], sorted[0], sorted[^1]);
    }

    /// <summary>Runs <paramref name="once"/> one time to warm up (not counted: it fills the disk cache and JIT-compiles the path), then <paramref name="runs"/> times.</summary>
    public static async Task<List<T>> AfterWarmUpAsync<T>(int runs, Func<Task<T>> once)
    {
        await once();
        var results = new List<T>();
        for (var run = 0; run < runs; run++)
        {
            results.Add(await once());
        }

        return results;
    }

    /// <summary>The value at or below which <paramref name="percent"/> % of <paramref name="values"/> lie (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static string Milliseconds(double ms) => ms.ToString(ms < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";

    public static string Met(bool met) => met ? "yes" : "**no**";

    /// <summary>
    /// A table of latencies, one row each: how many samples, median, 95th percentile, minimum and maximum,
    /// and whether the 95th percentile is within the row's target.
    /// </summary>
    public static string LatencyTable(IEnumerable<Latency> rows)
    {
        var text = new StringBuilder()
            .AppendLine("| figure | samples | median | p95 | min | max | target | met |")
            .AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (figure, ms, target) in rows)
        {
            var (median, min, max) = Spread(ms);
            var p95 = Percentile(ms, 95);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {figure} | {ms.Count} | {Milliseconds(median)} | {Milliseconds(p95)} | {Milliseconds(min)} | {Milliseconds(max)} | p95 ≤ {Milliseconds(target)} | {Met(p95 <= target)} |");
        }

        return text.ToString();
    }

    private static string Load()
    {
        const string LoadAverage = "/proc/loadavg";
        return File.Exists(LoadAverage) ? $" (load average {File.ReadAllText(LoadAverage).Split(' ')[0]})" : "";
    }
}

/// <summary>A latency figure: its samples in milliseconds, and the 95th percentile it should stay within.</summary>
public sealed record Latency(string Figure, IReadOnlyList<double> Ms, double TargetP95Ms);

/// <summary>Benchmarks run one at a time, after the other tests: figures taken while something else runs mean little.</summary>
[CollectionDefinition(BenchmarkReport.Collection, DisableParallelization = true)]
public sealed class BenchmarkCollection;
