using System.Globalization;
using System.Text;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;
using IBeam.Engine.TwoFactor;
using Xunit.Abstractions;

namespace IBeam.Engine.Tests.Benchmarks;

/// <summary>
/// How long a code an operator submits in the dashboard takes to reach the gateway: from the submission to
/// the engine's <see cref="ManualCodeInbox"/> (what the dashboard's code field calls) to the moment the
/// sandbox gateway receives the code the engine typed into its login page. Writes the "manual-code" section of BENCHMARKS.md.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkReport.Collection)]
public sealed class ManualCodeBenchmark(SandboxFixture fixture, ITestOutputHelper output) : IClassFixture<SandboxFixture>
{
    private const int Runs = 20;
    private const double TargetMs = 250;

    [Fact]
    public async Task A_code_submitted_in_the_dashboard_reaches_the_gateway_page()
    {
        var machine = BenchmarkReport.Machine;
        var times = await BenchmarkReport.AfterWarmUpAsync(Runs, SubmitOnceAsync);

        var report = new StringBuilder()
            .AppendLine("## Manual 2FA code")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{machine} One login per sample (handler MANUAL) in a fresh engine against the sandbox, as the maintenance loop makes it (`SessionActions.LogInAsync`: history and live state written at each step); {Runs} samples after one warm-up.")
            .AppendLine("Measured from the call the dashboard's code field makes (`ManualCodeInbox.Submit`) to the moment the sandbox gateway received the code's POST from its login page (the sandbox logs each request of its gateway port with its time): the handler's wake-up, the attempt history's step, the check that the page still shows the code field, typing the code, the click and the page's own request. Both clocks are this machine's wall clock.")
            .AppendLine()
            .Append(BenchmarkReport.LatencyTable([new Latency("Manual code: submitted in the dashboard → code received by the gateway from its page", times, TargetMs)]))
            .ToString();
        output.WriteLine(report);
        BenchmarkReport.WriteSection("manual-code", report);
    }

    private async Task<double> SubmitOnceAsync()
    {
        var sandbox = fixture.Fresh();
        var submitted = DateTimeOffset.MinValue;
        var (_, requests) = await JournaledLogin.RunAsync(sandbox, async engine =>
        {
            var inbox = engine.Get<ManualCodeInbox>();
            await Eventually.HoldsAsync(() => inbox.IsAwaiting, "the login waits for a typed code", TimeSpan.FromSeconds(60));
            var code = sandbox.State.Inbox[^1].Text[^6..];
            submitted = DateTimeOffset.UtcNow;
            Assert.True(inbox.Submit(code, "benchmark (dashboard)").Accepted);
        }, ("IBEAM_TWO_FA_HANDLER", ManualHandler.HandlerName));
        var received = requests.Single(r => r.Path == SandboxLoginEndpoints.CodeRoute).ReceivedAt;
        return (received - submitted).TotalMilliseconds;
    }
}
