using System.Globalization;
using System.Text;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Benchmarks;

/// <summary>
/// BENCHMARKS.md, shared by the benchmarks: each rewrites its own section, between markers named
/// after it, and leaves the others' figures alone.
/// </summary>
internal static class BenchmarksFile
{
    private const string Header = """
        # Benchmarks

        Each section is rewritten by its own benchmark, with the date and machine it ran on:

        ```
        dotnet test IBeam.sln --filter "Category=Benchmark"
        ```
        """;

    private static readonly Lock Gate = new();

    /// <summary>When and where, with the load average when the machine reports one: figures taken beside other work run slower.</summary>
    public static string Machine =>
        string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}{Load()}");

    private static string Load()
    {
        const string LoadAverage = "/proc/loadavg";
        return File.Exists(LoadAverage) ? $" (load average {File.ReadAllText(LoadAverage).Split(' ')[0]})" : "";
    }

    public static void WriteSection(string name, string markdown)
    {
        var path = Path.Combine(Repository.Root, "BENCHMARKS.md");
        var (start, end) = ($"<!-- {name} benchmark: start -->", $"<!-- {name} benchmark: end -->");
        var block = $"{start}\n{markdown.Trim()}\n{end}";
        lock (Gate)
        {
            var text = File.Exists(path) ? File.ReadAllText(path) : Header;
            var (from, to) = (text.IndexOf(start, StringComparison.Ordinal), text.IndexOf(end, StringComparison.Ordinal));
            text = from >= 0 && to > from
                ? text[..from] + block + text[(to + end.Length)..]
                : text.TrimEnd() + "\n\n" + block + "\n";
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }
}

/// <summary>Benchmarks run one at a time, after the other tests: figures taken while something else runs mean little.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BenchmarkCollection
{
    public const string Name = "Benchmarks";
}
