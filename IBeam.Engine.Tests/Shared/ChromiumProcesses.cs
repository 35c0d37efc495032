namespace IBeam.Engine.Tests.Shared;

/// <summary>Chromium processes started (through Playwright's driver) by a process.</summary>
public static class ChromiumProcesses
{
    public static IReadOnlyList<int> OfThisProcess() => Of(Environment.ProcessId);

    /// <summary>The Chromium processes below <paramref name="ancestor"/>.</summary>
    public static IReadOnlyList<int> Of(int ancestor) =>
        ProcessTree.Descendants(ancestor).Where(p => p.CommandLine.Contains("chrom", StringComparison.OrdinalIgnoreCase)).Select(p => p.Pid).ToList();
}
