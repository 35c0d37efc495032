using System.Diagnostics;
using System.Globalization;
using IBeam.Engine.Data;
using IBeam.Engine.Login;
using IBeam.Engine.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace IBeam.Engine.Tests.Dashboard;

/// <summary>
/// SIGTERM, as `docker stop` sends it (then SIGKILL after 10 s): the real executable ends promptly,
/// with exit code 0, and leaves its trail complete.
/// </summary>
public sealed class StopSignalTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IDisposable
{
    private static readonly TimeSpan DockerGrace = TimeSpan.FromSeconds(10);

    private readonly string _folder = Directory.CreateTempSubdirectory("ibeam-signal-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Stopped_mid_login_it_exits_in_time_records_the_attempt_and_leaves_no_chromium()
    {
        var sandbox = fixture.Fresh();
        var launcher = ChromiumProcesses.CreateOwnLauncher(_folder);
        var environment = OperatorEnvironment.For(sandbox);
        environment["IBEAM_EXTERNAL_REQUEST_URL"] = new Uri(sandbox.ControlUrl, "/sandbox/echo?body=123456&delayMs=120000").ToString(); // a handler that hangs
        environment["IBEAM_DATABASE_PATH"] = Path.Combine(_folder, "ibeam.db");
        environment["IBEAM_HEALTH_SERVER_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        environment["IBEAM_DASHBOARD_PASSWORD"] = DashboardSignIn.Password;
        environment["IBEAM_BROWSER_PATH"] = launcher;
        await using var ibeam = DashboardProcess.Start(_folder, environment, "--urls=http://127.0.0.1:0");
        await Eventually.HoldsAsync(() => ibeam.Output.Contains("Asking for the 2FA code", StringComparison.Ordinal), "the login waits on its handler", TimeSpan.FromSeconds(60));

        var stopping = Stopwatch.StartNew();
        ibeam.Terminate();
        var exitCode = await ibeam.WaitForExitAsync(DockerGrace);

        Assert.True(exitCode == 0, $"exit code {exitCode} after {stopping.Elapsed.TotalSeconds:0.0} s\n{ibeam.Output}\n{ibeam.Errors}");
        var afterStop = ibeam.Output[ibeam.Output.IndexOf("Application is shutting down", StringComparison.Ordinal)..];
        Assert.DoesNotContain("Next maintenance", afterStop, StringComparison.Ordinal); // no pass is coming
        await using (var context = DatabaseStartup.CreateContext(new DatabaseLocation(environment["IBEAM_DATABASE_PATH"]!)))
        {
            Assert.Equal(LoginOutcome.Cancelled, (await context.Attempts.SingleAsync()).Outcome);
        }

        if (launcher is not null)
        {
            await Eventually.HoldsAsync(() => ChromiumProcesses.StartedThroughAnywhere(launcher).Count == 0, "the login's Chromium has ended", TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task The_sandbox_gateway_alone_exits_on_SIGTERM()
    {
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        await using var sandbox = DashboardProcess.Start(_folder, new Dictionary<string, string?>(), "--sandbox-gateway", $"--IBEAM_SANDBOX_PORT={port}");
        await sandbox.WaitForLineAsync("Sandbox gateway:", TimeSpan.FromSeconds(60));

        sandbox.Terminate();

        // It used to stop from a ProcessExit handler, which deadlocked inside the runtime's exit: it never ended.
        Assert.Equal(0, await sandbox.WaitForExitAsync(DockerGrace));
    }
}
