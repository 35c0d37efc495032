using System.Diagnostics;
using IBeam.Engine.Configuration;
using IBeam.Engine.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Gateway;

/// <summary>
/// Starts, finds and stops the gateway process when IBEAM_GATEWAY_DIR is set. Without it, or
/// when a gateway already answers at the base URL, the engine uses that gateway and starts nothing.
/// </summary>
public sealed class GatewayProcess(IOptionsMonitor<IBeamOptions> options, GatewayClient client, TimeProvider time, ILogger<GatewayProcess> logger)
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);

    private GatewayOptions Settings => options.CurrentValue.Gateway;

    /// <summary>True when IBeam may start and stop the gateway itself.</summary>
    public bool IsManaged => Settings.Directory is not null;

    /// <summary>Process ids of running gateways (matched by IBEAM_GATEWAY_PROCESS_MATCH).</summary>
    public IReadOnlyList<int> FindRunning() => ProcessTable.FindByCommandLine(Settings.ProcessMatch);

    /// <summary>
    /// Makes sure a gateway answers: uses the one that does, waits for one that is starting, or
    /// starts one. Returns the status once it answers, or a NOT RUNNING status after IBEAM_GATEWAY_STARTUP.
    /// </summary>
    public async Task<GatewayStatus> EnsureStartedAsync(CancellationToken cancellationToken)
    {
        var status = await client.GetStatusAsync(cancellationToken);
        if (status.Running || !IsManaged)
        {
            return status;
        }

        if (FindRunning() is { Count: > 0 } running)
        {
            EngineLog.GatewayProcessFound(logger, string.Join(", ", running));
        }
        else
        {
            Start();
        }

        return await WaitUntilAnsweringAsync(cancellationToken);
    }

    /// <summary>Stops every gateway process; true when none is left.</summary>
    public async Task<bool> KillAsync(CancellationToken cancellationToken)
    {
        var running = FindRunning();
        if (running.Count == 0)
        {
            return true;
        }

        EngineLog.GatewayKilling(logger, string.Join(", ", running));
        await ProcessTable.KillAsync(running, TimeSpan.FromSeconds(10), cancellationToken);
        return FindRunning().Count == 0;
    }

    /// <summary>Stops the gateway and starts it again.</summary>
    public async Task<GatewayStatus> RestartAsync(CancellationToken cancellationToken)
    {
        if (!IsManaged)
        {
            EngineLog.GatewayNotManaged(logger);
            return await client.GetStatusAsync(cancellationToken);
        }

        await KillAsync(cancellationToken);
        return await EnsureStartedAsync(cancellationToken);
    }

    private void Start()
    {
        var directory = Settings.Directory!;
        GatewayInputs.Install(Settings, logger);
        System.IO.Directory.CreateDirectory(Settings.OutputsDirectory);
        var log = Path.GetFullPath(Path.Combine(Settings.OutputsDirectory, "gateway.log"));
        var script = Path.Combine("bin", "run.sh");
        var runner = !OperatingSystem.IsWindows() && File.GetUnixFileMode(Path.Combine(directory, script)).HasFlag(UnixFileMode.UserExecute) ? script : $"sh {script}";

        // The gateway writes to a log file rather than to a pipe of ours, so it keeps running
        // (and keeps its session) when IBeam itself restarts.
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            ArgumentList = { "-c", $"exec {runner} root/conf.yaml >> \"$IBEAM_GATEWAY_LOG\" 2>&1 < /dev/null" },
            Environment = { ["IBEAM_GATEWAY_LOG"] = log },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The gateway process did not start.");
        EngineLog.GatewayStarted(logger, process.Id, directory, log);
    }

    private async Task<GatewayStatus> WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + Settings.StartupTimeout;
        while (true)
        {
            var status = await client.GetStatusAsync(cancellationToken);
            if (status.Running)
            {
                EngineLog.GatewayAnswering(logger, status.Label);
                return status;
            }

            if (time.GetUtcNow() >= deadline)
            {
                EngineLog.GatewayStartupTimedOut(logger, Settings.StartupTimeout.TotalSeconds);
                return status with { Error = $"the gateway did not answer within {Settings.StartupTimeout.TotalSeconds:0} s (IBEAM_GATEWAY_STARTUP)" };
            }

            // Nothing announces that a port opened; polling it briefly is the only way to know.
            await Task.Delay(ProbeInterval, time, cancellationToken);
        }
    }
}
