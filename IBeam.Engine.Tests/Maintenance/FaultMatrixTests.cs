using IBeam.Engine.Login;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Sandbox;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Maintenance;

/// <summary>
/// Each strategy against each of the sandbox's fault switches, on an authenticated gateway: the
/// session is authenticated again (in the same pass for a session fault, in the first pass after
/// the fault clears for a gateway fault), and no fault ever costs a counted failure.
/// </summary>
public sealed class FaultMatrixTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private static readonly string[] SessionFaults = ["expire", "compete", "drop-brokerage"];
    private static readonly string[] GatewayFaults = ["500", "503", "slow", "down"];

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var strategy in new[] { "A", "B" })
        {
            foreach (var fault in SessionFaults.Concat(GatewayFaults))
            {
                cases.Add(strategy, fault);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task After_a_fault_the_session_is_authenticated_again_without_a_counted_failure(string strategy, string fault)
    {
        // No second factor: the logins here are not what is under test, and a second factor only slows them.
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.None });
        await using var engine = EngineHarness.Create(sandbox,
            ("IBEAM_AUTHENTICATION_STRATEGY", strategy),
            // Short only where the fault is slowness itself: elsewhere a loaded machine must not turn into a timeout.
            ("IBEAM_REQUEST_TIMEOUT", fault == "slow" ? "1" : "5"),
            ("IBEAM_REQUEST_RETRIES", "0"),
            ("IBEAM_PAGE_LOAD_TIMEOUT", "3"),
            ("IBEAM_REAUTHENTICATE_WAIT", "2"),
            ("IBEAM_RESTART_WAIT", "2"));
        var authenticator = engine.Get<Authenticator>();
        Assert.True(await authenticator.MaintainAsync(LoginTrigger.Maintenance, CancellationToken.None));

        Apply(sandbox, fault);
        var during = await authenticator.MaintainAsync(LoginTrigger.Maintenance, CancellationToken.None);
        sandbox.State.SetScenario(s => s with { Fail500 = false, Fail503 = false, DelayMs = 0, Down = false });
        var after = during || await authenticator.MaintainAsync(LoginTrigger.Maintenance, CancellationToken.None);

        Assert.Equal(SessionFaults.Contains(fault), during);
        Assert.True(after);
        Assert.True(engine.Get<EngineState>().Current is { Phase: EnginePhase.Authenticated, Gateway.IsHealthy: true });
        Assert.Equal(0, sandbox.State.Counters.TotalFailures);
        Assert.Equal(0, engine.Get<ILockoutGuard>().Current.FailedSubmissions);
    }

    private static void Apply(SandboxGateway sandbox, string fault)
    {
        switch (fault)
        {
            case "expire":
                sandbox.State.ExpireSession();
                break;
            case "compete":
                sandbox.State.MakeCompeting();
                break;
            case "drop-brokerage":
                sandbox.State.DropBrokerage();
                break;
            case "500":
                sandbox.State.SetScenario(s => s with { Fail500 = true });
                break;
            case "503":
                sandbox.State.SetScenario(s => s with { Fail503 = true });
                break;
            case "slow":
                // Slower than IBEAM_REQUEST_TIMEOUT: every call times out.
                sandbox.State.SetScenario(s => s with { DelayMs = 1500 });
                break;
            case "down":
                sandbox.State.SetScenario(s => s with { Down = true });
                break;
        }
    }
}
