namespace IBeam.Engine.Tests.Shared;

/// <summary>Chromium processes started by Playwright (their command line names Playwright's profile folder).</summary>
public static class ChromiumProcesses
{
    public static IReadOnlyList<int> Running() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0, Dir: d))
            .Where(p => p.Pid > 0 && CommandLine(p.Dir) is { } line && line.Contains("chrom", StringComparison.OrdinalIgnoreCase) && line.Contains("playwright", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Pid)
            .ToList();

    private static string? CommandLine(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
