using System.Diagnostics;

namespace IBeam.Engine.Gateway;

/// <summary>
/// Finds processes by their command line. .NET exposes only process names, and the gateway is a
/// "java" process like any other, so this reads /proc (Linux, where the gateway runs; written by
/// hand because no served package reads command lines).
/// </summary>
internal static class ProcessTable
{
    public static IReadOnlyList<int> FindByCommandLine(string match)
    {
        if (!System.IO.Directory.Exists("/proc"))
        {
            return [];
        }

        var found = new List<int>();
        foreach (var directory in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(match, StringComparison.Ordinal) && !IsZombie(directory))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }

        return found;
    }

    /// <summary>Kills each process and its children, and waits up to <paramref name="timeout"/> for them to go.</summary>
    public static async Task<bool> KillAsync(IEnumerable<int> pids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waits = new List<Task>();
        foreach (var pid in pids)
        {
            try
            {
                var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                waits.Add(process.WaitForExitAsync(cancellationToken));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        var all = Task.WhenAll(waits);
        return await Task.WhenAny(all, Task.Delay(timeout, cancellationToken)) == all;
    }

    private static bool IsZombie(string directory)
    {
        var stat = File.ReadAllText(Path.Combine(directory, "stat"));
        var afterName = stat.LastIndexOf(')');
        return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] == 'Z';
    }
}
