using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using IBeam.Engine.Login;
using IBeam.Engine.Tests.Shared;
using Xunit.Abstractions;

namespace IBeam.Engine.Tests.Benchmarks;

/// <summary>
/// What an authenticated IBeam costs while it waits for its next maintenance pass: the built IBeam.Dashboard
/// executable, started as an operator starts it (web UI, then --maintain), logs in to the sandbox with a code
/// from EXTERNAL_REQUEST; once it is ready and its login's processes are gone, its memory, CPU and Chromium
/// processes are sampled. Writes the "idle" section of BENCHMARKS.md.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkReport.Collection)]
public sealed class IdleFootprintBenchmark(SandboxFixture fixture, ITestOutputHelper output) : IClassFixture<SandboxFixture>
{
    private const double TicksPerSecond = 100; // USER_HZ, what /proc counts CPU time in
    private const double Megabyte = 1024 * 1024;
    private static readonly TimeSpan SampleFor = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(1);

    /// <summary>Playwright's driver stays up this long after a login, for a login that might follow; then it stops.</summary>
    private static readonly TimeSpan LoginProcessesPatience = PlaywrightDriver.KeepAlive + TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Idle_and_authenticated_between_maintenance_passes()
    {
        var machine = BenchmarkReport.Machine;
        var webUi = await MeasureAsync("--urls=http://127.0.0.1:0");
        var engineOnly = await MeasureAsync("--maintain");
        var report = Report(machine, webUi, engineOnly);
        output.WriteLine(report);
        BenchmarkReport.WriteSection("idle", report);
    }

    private async Task<Idle> MeasureAsync(params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("ibeam-bench-").FullName;
        var port = FreePort.Next();
        var environment = OperatorEnvironment.For(fixture.Fresh());
        environment["IBEAM_HEALTH_SERVER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        environment["IBEAM_MAINTENANCE_INTERVAL"] = "3600"; // no pass while it is sampled
        environment["IBEAM_LOG_TO_FILE"] = "false";
        environment["IBEAM_DASHBOARD_PASSWORD"] = DashboardSignIn.Password;
        environment["DOTNET_gcServer"] = "0"; // as IBeam's Docker image runs it
        try
        {
            await using var process = DashboardProcess.Start(folder, environment, args);
            var clock = Stopwatch.StartNew();
            await ReadyAsync(process, port);
            var ready = clock.Elapsed;
            var settled = await LoginProcessesGoneAsync(process.Id);
            var quiet = clock.Elapsed - ready;

            var samples = new List<(Resident Memory, double ChildrenMb, int Chromium, int Children)>();
            var ticks = ProcessTree.CpuTicks(process.Id);
            var window = Stopwatch.StartNew();
            while (window.Elapsed < SampleFor)
            {
                var children = ProcessTree.Descendants(process.Id);
                samples.Add((Resident.Of(process.Id), children.Sum(c => ProcessTree.ResidentBytes(c.Pid)) / Megabyte, ChromiumProcesses.Of(process.Id).Count, children.Count));
                await Task.Delay(SampleEvery); // sampling, not waiting for a condition
            }

            var cpu = (ProcessTree.CpuTicks(process.Id) - ticks) / TicksPerSecond / window.Elapsed.TotalSeconds * 100;
            return new Idle(ready, quiet, settled, [.. samples.Select(s => s.Memory)], samples.Max(s => s.ChildrenMb), samples.Max(s => s.Chromium), samples.Max(s => s.Children), cpu);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Waits until the health server's /readyz says the session is usable (the process is not ours to watch more closely than over HTTP).</summary>
    private static async Task ReadyAsync(DashboardProcess process, int port)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync($"http://127.0.0.1:{port}/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200); // polling another process's probe: it has no event this test could await
        }

        throw new TimeoutException($"/readyz never answered 200. Output:\n{process.Output}\nErrors:\n{process.Errors}");
    }

    /// <summary>Waits for the login's Chromium and Playwright driver to end; false if some process of it outlived the patience.</summary>
    private static async Task<bool> LoginProcessesGoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow + LoginProcessesPatience;
        while (ProcessTree.Descendants(pid).Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(500); // child processes exiting give no event to await from outside their parent
        }

        return true;
    }

    private static string Report(string machine, Idle webUi, Idle engineOnly)
    {
        static string Mb(double mb) => mb.ToString("0.0", CultureInfo.InvariantCulture) + " MB";
        static string Percent(double percent) => percent.ToString("0.00", CultureInfo.InvariantCulture) + " %";
        static string Row(string figure, Idle idle, Func<Resident, double> mb, double? target = null)
        {
            var (median, min, max) = BenchmarkReport.Spread([.. idle.Memory.Select(mb)]);
            return string.Create(CultureInfo.InvariantCulture,
                $"| {figure} | {Mb(median)} | {Mb(min)} | {Mb(max)} | {(target is { } t ? $"≤ {t:0} MB" : "")} | {(target is { } limit ? BenchmarkReport.Met(median <= limit) : "")} |");
        }

        static IEnumerable<string> Rows(string figure, Idle idle, double target) =>
        [
            Row(figure, idle, m => m.TotalMb, target),
            Row("… of which mapped files (assemblies, native libraries: clean pages the kernel may share with other processes and drop)", idle, m => m.FilesMb),
            Row("… of which its own memory (GC heap, JIT-compiled code, the runtime's data)", idle, m => m.OwnMb),
        ];

        static string Context(string mode, Idle idle) => string.Create(CultureInfo.InvariantCulture,
            $"- {mode}: ready (/readyz 200) {idle.Ready.TotalSeconds:0.0} s after the start; its login's Chromium and Playwright driver gone {idle.Quiet.TotalSeconds:0} s later{(idle.Settled ? "" : " (**not** all: some still ran after the patience)")}; child processes while sampled: {idle.Children} (their resident memory {Mb(idle.ChildrenMb)}).");

        return new StringBuilder()
            .AppendLine("## Idle footprint")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{machine} The built IBeam.Dashboard (`dotnet IBeam.Dashboard.dll`, the Debug build the tests use, workstation GC as in IBeam's Docker image: DOTNET_gcServer=0), started with the sandbox in this test process as its gateway and a code from EXTERNAL_REQUEST (the sandbox's phone), IBEAM_MAINTENANCE_INTERVAL=3600 so that no pass runs while it is sampled. Once /readyz answers 200 and the login's processes have ended (Playwright's driver stays up {PlaywrightDriver.KeepAlive.TotalSeconds:0} s after a login), the process is sampled every {SampleEvery.TotalSeconds:0} s for {SampleFor.TotalSeconds:0} s: VmRSS of /proc/<pid>/status (median, minimum and maximum of the samples; MB of 2^20 bytes), split into RssFile and RssAnon + RssShmem, Chromium processes below it (the most seen at once), and its CPU time from /proc/<pid>/stat (user + system over the whole window, as a share of one core). The web UI runs with no page open.")
            .AppendLine()
            .AppendLine("| figure | median | min | max | target | met |")
            .AppendLine("|---|---|---|---|---|---|")
            .AppendJoin('\n', Rows("Idle, authenticated, between maintenance passes: resident memory, web UI running", webUi, 120))
            .AppendLine()
            .AppendJoin('\n', Rows("Same, engine only (`--maintain`)", engineOnly, 50))
            .AppendLine()
            .AppendLine()
            .AppendLine("| figure | measured | target | met |")
            .AppendLine("|---|---|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| Idle: Chromium processes, web UI / engine only | {webUi.Chromium} / {engineOnly.Chromium} | 0 | {BenchmarkReport.Met(webUi.Chromium + engineOnly.Chromium == 0)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Idle: CPU, web UI | {Percent(webUi.CpuPercent)} | < 1 % | {BenchmarkReport.Met(webUi.CpuPercent < 1)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| Idle: CPU, engine only | {Percent(engineOnly.CpuPercent)} | < 1 % | {BenchmarkReport.Met(engineOnly.CpuPercent < 1)} |")
            .AppendLine()
            .AppendLine(Context("Web UI", webUi))
            .AppendLine(Context("Engine only", engineOnly))
            .AppendLine()
            .AppendLine(WhereTheMemoryGoes)
            .ToString();
    }

    /// <summary>Why the memory targets are out of reach, from a one-off investigation (not measured by this run).</summary>
    private const string WhereTheMemoryGoes =
        "Where the memory goes (investigated 2026-12-04 on the engine only, `/proc/<pid>/smaps`): about 80 MB are mapped files, the " +
        "ReadyToRun images of the runtime and ASP.NET Core (System.Private.CoreLib alone 14 MB; Kestrel serves the health server " +
        "in --maintain too), EF Core, Playwright, OpenSSL and SQLite, touched once at start; the rest is the GC heap, JIT-compiled " +
        "code (W^X maps it through /memfd:doublemapper, hence RssShmem) and the runtime's data. Runtime knobs, one sample each " +
        "(noise about ±5 MB), each moved the total by less than 10 MB: W^X off 0 (the pages move from shared to anonymous), " +
        "TieredPGO off −4 MB, tiered compilation off −7 MB (at the cost of a slower start), a 4 MB gen0 budget " +
        "(DOTNET_GCgen0size=0x400000) −10 MB, concurrent GC off 0, server GC within the noise. None was adopted. A 50 MB " +
        "engine would need a trimmed NativeAOT build, which EF Core supports only experimentally; not attempted.";

    private sealed record Idle(TimeSpan Ready, TimeSpan Quiet, bool Settled, IReadOnlyList<Resident> Memory, double ChildrenMb, int Chromium, int Children, double CpuPercent);

    /// <summary>A process's resident memory: all of it, its mapped files, its own (anonymous and shared-memory pages: the JIT maps its code through a memfd).</summary>
    private sealed record Resident(double TotalMb, double FilesMb, double OwnMb)
    {
        public static Resident Of(int pid) => new(
            ProcessTree.ResidentBytes(pid) / Megabyte,
            ProcessTree.ResidentBytes(pid, "RssFile") / Megabyte,
            (ProcessTree.ResidentBytes(pid, "RssAnon") + ProcessTree.ResidentBytes(pid, "RssShmem")) / Megabyte);
    }
}
