using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IBeam.Engine.Gateway;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Gateway;

/// <summary>
/// GatewayProcess with a gateway folder whose bin/run.sh starts a real process: the sandbox
/// gateway (IBeam.Dashboard --sandbox-gateway) on a free port. Each folder's processes carry a
/// unique token, used as IBEAM_GATEWAY_PROCESS_MATCH, so tests never see each other's gateways.
/// </summary>
public sealed class GatewayProcessTests
{
    [Fact]
    public async Task EnsureStarted_starts_the_gateway_and_returns_once_it_answers()
    {
        await using var gateway = FakeGateway.Create();
        await using var engine = gateway.Engine();
        var process = engine.Get<GatewayProcess>();
        Assert.Empty(process.FindRunning());

        var clock = Stopwatch.StartNew();
        var status = await process.EnsureStartedAsync(CancellationToken.None);

        Assert.Equal("NO SESSION", status.Label);
        Assert.True(clock.Elapsed < engine.Options.Gateway.StartupTimeout, $"took {clock.Elapsed}");
        var pid = Assert.Single(process.FindRunning());
        Assert.Contains(engine.Logs.Lines, l => l.Contains($"Gateway started (pid {pid})"));
    }

    [Fact]
    public async Task The_gateway_is_started_as_IBKR_documents_it_with_its_output_in_the_outputs_folder()
    {
        await using var gateway = FakeGateway.Create();
        await using var engine = gateway.Engine();

        await engine.Get<GatewayProcess>().EnsureStartedAsync(CancellationToken.None);

        // bin/run.sh root/conf.yaml, from the gateway's folder.
        Assert.Equal([gateway.Directory, "root/conf.yaml"], File.ReadAllLines(Path.Combine(gateway.Directory, "started.txt")));
        var log = Path.Combine(engine.Options.Gateway.OutputsDirectory, "gateway.log");
        await Eventually(() => File.Exists(log) && File.ReadAllText(log).Contains($"Sandbox gateway: https://localhost:{gateway.Port}/"));
    }

    [Fact]
    public async Task A_second_EnsureStarted_starts_no_second_gateway()
    {
        await using var gateway = FakeGateway.Create();
        await using var engine = gateway.Engine();
        var process = engine.Get<GatewayProcess>();
        await process.EnsureStartedAsync(CancellationToken.None);
        var first = Assert.Single(process.FindRunning());

        var status = await process.EnsureStartedAsync(CancellationToken.None);

        Assert.True(status.Running);
        Assert.Equal(first, Assert.Single(process.FindRunning()));
        Assert.Single(engine.Logs.Lines, l => l.Contains("Gateway started"));
    }

    [Fact]
    public async Task A_gateway_still_starting_is_waited_for_rather_than_started_twice()
    {
        // As after IBeam itself restarts while its gateway boots: the process is there, the port not yet.
        await using var gateway = FakeGateway.Create(FakeGateway.Kind.SlowSandbox);
        await using var starter = gateway.Engine();
        await using var latecomer = gateway.Engine();
        var starting = starter.Get<GatewayProcess>().EnsureStartedAsync(CancellationToken.None);
        await Eventually(() => latecomer.Get<GatewayProcess>().FindRunning().Count == 1);

        var status = await latecomer.Get<GatewayProcess>().EnsureStartedAsync(CancellationToken.None);

        Assert.Equal("NO SESSION", status.Label);
        Assert.True((await starting).Running);
        Assert.Contains(latecomer.Logs.Lines, l => l.Contains("Gateway process already running"));
        Assert.DoesNotContain(latecomer.Logs.Lines, l => l.Contains("Gateway started"));
        Assert.Single(latecomer.Get<GatewayProcess>().FindRunning());
    }

    [Fact]
    public async Task A_gateway_already_answering_is_used_and_nothing_is_started()
    {
        await using var gateway = FakeGateway.Create();
        await using var running = await SandboxGateway.StartAsync();
        await using var engine = gateway.Engine(("IBEAM_GATEWAY_BASE_URL", running.GatewayUrl.ToString()));

        var status = await engine.Get<GatewayProcess>().EnsureStartedAsync(CancellationToken.None);

        Assert.Equal("NO SESSION", status.Label);
        Assert.False(File.Exists(Path.Combine(gateway.Directory, "started.txt")));
        Assert.Empty(engine.Get<GatewayProcess>().FindRunning());
    }

    [Fact]
    public async Task Conf_yaml_and_cacert_jks_from_the_inputs_folder_are_copied_into_root()
    {
        await using var gateway = FakeGateway.Create();
        await using var engine = gateway.Engine();
        var inputs = Directory.CreateDirectory(engine.Options.Gateway.InputsDirectory).FullName;
        const string conf = "ips:\n  allow:\n    - 127.0.0.1\n    - 10.*\n  deny:\n    - 0.0.0.0\n";
        byte[] keystore = [0xFE, 0xED, 0xFE, 0xED, 0x00, 0x00, 0x00, 0x02];
        File.WriteAllText(Path.Combine(inputs, "conf.yaml"), conf);
        File.WriteAllBytes(Path.Combine(inputs, "cacert.jks"), keystore);

        var status = await engine.Get<GatewayProcess>().EnsureStartedAsync(CancellationToken.None);

        Assert.True(status.Running);
        Assert.Equal(conf, File.ReadAllText(Path.Combine(gateway.Directory, "root", "conf.yaml"))); // over the zip's own conf.yaml
        Assert.Equal(keystore, File.ReadAllBytes(Path.Combine(gateway.Directory, "root", "cacert.jks")));
        Assert.Equal(2, engine.Logs.Lines.Count(l => l.Contains("from the inputs folder into")));
    }

    [Fact]
    public async Task Without_inputs_the_gateways_own_conf_yaml_stays()
    {
        await using var gateway = FakeGateway.Create();
        await using var engine = gateway.Engine();

        await engine.Get<GatewayProcess>().EnsureStartedAsync(CancellationToken.None);

        Assert.Equal(FakeGateway.ZipConf, File.ReadAllText(Path.Combine(gateway.Directory, "root", "conf.yaml")));
        Assert.False(File.Exists(Path.Combine(gateway.Directory, "root", "cacert.jks")));
    }

    [Fact]
    public async Task KillAsync_leaves_no_gateway_process()
    {
        await using var gateway = FakeGateway.Create();
        await using var engine = gateway.Engine();
        var process = engine.Get<GatewayProcess>();
        await process.EnsureStartedAsync(CancellationToken.None);
        var pid = Assert.Single(process.FindRunning());

        Assert.True(await process.KillAsync(CancellationToken.None));

        Assert.Empty(process.FindRunning());
        Assert.False(FakeGateway.IsAlive(pid));
        Assert.Equal("NOT RUNNING", (await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None)).Label);
    }

    [Fact]
    public async Task KillAsync_with_no_gateway_running_succeeds()
    {
        await using var gateway = FakeGateway.Create();
        await using var engine = gateway.Engine();

        Assert.True(await engine.Get<GatewayProcess>().KillAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RestartAsync_replaces_the_gateway_with_a_new_process()
    {
        await using var gateway = FakeGateway.Create();
        await using var engine = gateway.Engine();
        var process = engine.Get<GatewayProcess>();
        await process.EnsureStartedAsync(CancellationToken.None);
        var before = Assert.Single(process.FindRunning());

        var status = await process.RestartAsync(CancellationToken.None);

        Assert.Equal("NO SESSION", status.Label);
        var after = Assert.Single(process.FindRunning());
        Assert.NotEqual(before, after);
        Assert.False(FakeGateway.IsAlive(before));
    }

    [Fact]
    public async Task A_gateway_that_never_answers_is_given_up_after_IBEAM_GATEWAY_STARTUP()
    {
        await using var gateway = FakeGateway.Create(FakeGateway.Kind.NeverListens);
        await using var engine = gateway.Engine(("IBEAM_GATEWAY_STARTUP", "2"));
        var process = engine.Get<GatewayProcess>();
        var clock = Stopwatch.StartNew();

        var status = await process.EnsureStartedAsync(CancellationToken.None);

        Assert.Equal("NOT RUNNING", status.Label);
        Assert.Contains("IBEAM_GATEWAY_STARTUP", status.Error);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15));
        Assert.Contains(engine.Logs.Lines, l => l.StartsWith("Error|", StringComparison.Ordinal) && l.Contains("consider raising IBEAM_GATEWAY_STARTUP"));
        Assert.Single(process.FindRunning()); // started, and left for KillAsync or the next pass to deal with
    }

    [Fact]
    public async Task A_run_sh_without_the_execute_bit_is_run_through_sh()
    {
        // Unzipping on some systems drops the execute bit.
        await using var gateway = FakeGateway.Create(executable: false);
        await using var engine = gateway.Engine();

        var status = await engine.Get<GatewayProcess>().EnsureStartedAsync(CancellationToken.None);

        Assert.Equal("NO SESSION", status.Label);
        Assert.Equal("root/conf.yaml", File.ReadAllLines(Path.Combine(gateway.Directory, "started.txt"))[1]);
    }

    [Fact]
    public async Task Without_IBEAM_GATEWAY_DIR_nothing_is_started_or_restarted()
    {
        await using var gateway = FakeGateway.Create();
        await using var engine = gateway.Engine(("IBEAM_GATEWAY_DIR", null));
        var process = engine.Get<GatewayProcess>();

        var started = await process.EnsureStartedAsync(CancellationToken.None);
        var restarted = await process.RestartAsync(CancellationToken.None);

        Assert.False(process.IsManaged);
        Assert.Equal("NOT RUNNING", started.Label);
        Assert.Equal("NOT RUNNING", restarted.Label);
        Assert.False(File.Exists(Path.Combine(gateway.Directory, "started.txt")));
        Assert.Contains(engine.Logs.Lines, l => l.Contains("IBEAM_GATEWAY_DIR is not set"));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 15 s");
            await Task.Delay(50);
        }
    }
}
