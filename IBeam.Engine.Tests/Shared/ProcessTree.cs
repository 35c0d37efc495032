namespace IBeam.Engine.Tests.Shared;

/// <summary>What Linux's /proc says about a process and the processes below it.</summary>
public static class ProcessTree
{
    /// <summary>A process: its id and its command line.</summary>
    public sealed record Entry(int Pid, string CommandLine);

    /// <summary>The live processes that descend from <paramref name="ancestor"/> (children, their children, …).</summary>
    public static IReadOnlyList<Entry> Descendants(int ancestor)
    {
        var parents = new Dictionary<int, int>();
        var commandLines = new Dictionary<int, string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var fields = StatFields(pid);
                if (fields[0] == "Z")
                {
                    continue; // already exited, waiting to be reaped
                }

                parents[pid] = int.Parse(fields[1]);
                commandLines[pid] = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while we looked.
            }
        }

        return commandLines.Where(p => DescendsFrom(p.Key, ancestor, parents)).Select(p => new Entry(p.Key, p.Value)).ToList();
    }

    /// <summary>
    /// Resident memory, in bytes, as <paramref name="field"/> of /proc/&lt;pid&gt;/status counts it: VmRSS all of it,
    /// RssFile its mapped files, RssAnon and RssShmem its own memory; 0 once the process has ended.
    /// </summary>
    public static long ResidentBytes(int pid, string field = "VmRSS")
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>CPU time the process has used, user and system, in clock ticks (USER_HZ, 100 per second on Linux).</summary>
    public static long CpuTicks(int pid)
    {
        var fields = StatFields(pid);
        return long.Parse(fields[11]) + long.Parse(fields[12]); // utime and stime, fields 14 and 15 of stat
    }

    /// <summary>The fields of /proc/&lt;pid&gt;/stat after the command name, from the state (field 3) on.</summary>
    private static string[] StatFields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
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
