using System.Diagnostics;
using System.Net;
using IBeam.Engine.Sandbox;

namespace IBeam.Engine.Tests.Shared;

/// <summary>
/// A gateway folder (bin/run.sh, root/conf.yaml) in a temporary folder. Disposing it kills
/// every process carrying its token, then deletes the folder.
/// </summary>
public sealed class FakeGateway : IAsyncDisposable
{
    public const string ZipConf = "ips:\n  allow:\n    - 127.0.0.1\n";

    private FakeGateway(string directory, string token, int port, int controlPort)
    {
        Directory = directory;
        Token = token;
        Port = port;
        ControlPort = controlPort;
    }

    public enum Kind
    {
        /// <summary>run.sh becomes the sandbox gateway.</summary>
        Sandbox,

        /// <summary>run.sh waits 2 s, then becomes the sandbox gateway: a process that matches but does not answer yet.</summary>
        SlowSandbox,

        /// <summary>run.sh becomes a process that never listens.</summary>
        NeverListens,
    }

    public string Directory { get; }

    /// <summary>In the command line of the gateway process: IBEAM_GATEWAY_PROCESS_MATCH.</summary>
    public string Token { get; }

    public int Port { get; }

    /// <summary>The sandbox gateway's control API, to play faults on the running gateway.</summary>
    public int ControlPort { get; }

    public Uri ControlUrl => new($"http://127.0.0.1:{ControlPort}/");

    public static FakeGateway Create(Kind kind = Kind.Sandbox, bool executable = true)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ibeam-gateway-").FullName;
        var token = $"ibeam-test-gateway-{Guid.NewGuid():N}";
        var port = FreePort.Next();
        var controlPort = FreePort.Next();
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "bin"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "root"));
        File.WriteAllText(Path.Combine(directory, "root", "conf.yaml"), ZipConf);

        var sandbox = $"'{DotnetHost()}' '{Path.Combine(AppContext.BaseDirectory, "IBeam.Dashboard.dll")}' --sandbox-gateway --IBEAM_SANDBOX_PORT={port} --IBEAM_SANDBOX_CONTROL_PORT={controlPort} {token}";
        var become = kind switch
        {
            Kind.Sandbox => $"exec {sandbox}",

            // The token is sh's $0, so the process matches from the start; the last command is
            // not a plain one, so sh does not exec it and drop the token.
            Kind.SlowSandbox => $"exec sh -c \"sleep 2; exec {sandbox}\" {token}",
            _ => $"exec sh -c 'sleep 600; exit 0' {token}",
        };
        var script = Path.Combine(directory, "bin", "run.sh");
        File.WriteAllText(script, $"""
            #!/bin/sh
            # Stands in for IBKR's run.sh: records how it was started, then becomes the gateway.
            printf '%s\n%s\n' "$PWD" "$*" > started.txt
            {become}

            """);
        if (executable && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute);
        }

        return new FakeGateway(directory, token, port, controlPort);
    }

    /// <summary>An engine managing this gateway (declare it after the gateway, so that it is disposed first).</summary>
    public EngineHarness Engine(params (string Key, string? Value)[] settings) =>
        EngineHarness.Create(
            new Dictionary<string, string?>
            {
                ["IBEAM_GATEWAY_BASE_URL"] = $"https://localhost:{Port}",
                ["IBEAM_GATEWAY_DIR"] = Directory,
                ["IBEAM_GATEWAY_PROCESS_MATCH"] = Token,
                ["IBEAM_GATEWAY_STARTUP"] = "30",
                ["IBEAM_REQUEST_TIMEOUT"] = "5",
                ["IBEAM_REQUEST_RETRIES"] = "0",
                ["IBEAM_ACCOUNT"] = SandboxAccount.UserName,
                ["IBEAM_PASSWORD"] = SandboxAccount.Password,
            },
            settings);

    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever a test left running: only processes carrying this folder's token, each by its id.
        foreach (var pid in Matching(Token))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static IEnumerable<int> Matching(string token) =>
        System.IO.Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && CommandLine(pid)?.Contains(token, StringComparison.Ordinal) == true && IsAlive(pid))
            .ToList();

    private static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? path
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
}
