namespace IBeam.Engine.Tests.Shared;

/// <summary>Chromium processes started (through Playwright's driver) by this test process.</summary>
public static class ChromiumProcesses
{
    public static IReadOnlyList<int> OfThisProcess()
    {
        var parents = new Dictionary<int, int>();
        var chromium = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] == "Z")
                {
                    continue; // already exited, waiting to be reaped
                }

                parents[pid] = int.Parse(fields[1]);
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains("chrom", StringComparison.OrdinalIgnoreCase))
                {
                    chromium.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while we looked.
            }
        }

        return chromium.Where(pid => DescendsFrom(pid, Environment.ProcessId, parents)).ToList();
    }

    private static bool DescendsFrom(int pid, int ancestor, Dictionary<int, int> parents)
    {
        for (var current = pid; parents.TryGetValue(current, out var parent) && parent > 1; current = parent)
        {
            if (parent == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
