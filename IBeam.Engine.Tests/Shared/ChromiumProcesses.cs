using IBeam.Engine.Login;

namespace IBeam.Engine.Tests.Shared;

/// <summary>Chromium processes started (through Playwright's driver) by a process.</summary>
public static class ChromiumProcesses
{
    public static IReadOnlyList<int> OfThisProcess() => Of(Environment.ProcessId);

    /// <summary>The Chromium processes below <paramref name="ancestor"/>.</summary>
    public static IReadOnlyList<int> Of(int ancestor) =>
        ProcessTree.Descendants(ancestor).Where(p => p.CommandLine.Contains("chrom", StringComparison.OrdinalIgnoreCase)).Select(p => p.Pid).ToList();

    /// <summary>Whether <see cref="CreateOwnLauncher"/> can: Debian's Chromium is installed.</summary>
    [System.Runtime.Versioning.SupportedOSPlatformGuard("linux")]
    public static bool CanCreateOwnLauncher => OperatingSystem.IsLinux() && File.Exists(BrowserLauncher.DebianChromium);

    /// <summary>
    /// A Chromium launcher of its own (give it as IBEAM_BROWSER_PATH): a shell script that runs Debian's
    /// Chromium without exec, so that the processes of one engine can be told from those of another
    /// running in the same test process. Null where Debian's Chromium is not installed.
    /// </summary>
    public static string? CreateOwnLauncher(string folder)
    {
        if (!CanCreateOwnLauncher)
        {
            return null;
        }

        var path = Path.Combine(folder, "chromium");
        File.WriteAllText(path, $"#!/bin/sh\n{BrowserLauncher.DebianChromium} \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>The processes started through <paramref name="launcher"/> (from <see cref="CreateOwnLauncher"/>): the script and everything below it.</summary>
    public static IReadOnlyList<int> StartedThrough(string launcher) => StartedThrough(launcher, Environment.ProcessId);

    /// <summary>
    /// The same, looked for among every process of the machine: once the IBeam process that started them
    /// has ended, its orphans hang from init, no longer below this test process.
    /// </summary>
    public static IReadOnlyList<int> StartedThroughAnywhere(string launcher) => StartedThrough(launcher, 1);

    private static IReadOnlyList<int> StartedThrough(string launcher, int ancestor) =>
        ProcessTree.Descendants(ancestor)
            .Where(p => p.CommandLine.Contains(launcher, StringComparison.Ordinal))
            .SelectMany(script => ProcessTree.Descendants(script.Pid).Select(p => p.Pid).Prepend(script.Pid))
            .ToList();
}
