using System.Net.Http.Json;
using IBeam.Engine.Gateway;
using IBeam.Engine.Login;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Maintenance;

/// <summary>Strategy B's last resort, end to end: a gateway whose session cannot be restored is killed and started again.</summary>
public sealed class GatewayRestartTests
{
    [Fact]
    public async Task A_managed_gateway_whose_session_cannot_be_restored_is_restarted_and_logged_in_again()
    {
        await using var gateway = FakeGateway.Create();
        await using var engine = gateway.Engine(
            ("IBEAM_TWO_FA_HANDLER", "EXTERNAL_REQUEST"),
            ("IBEAM_EXTERNAL_REQUEST_URL", new Uri(gateway.ControlUrl, "/sandbox/phone/code?wait=10").ToString()),
            ("IBEAM_MAX_STATUS_CHECK_RETRIES", "2"),
            ("IBEAM_MAX_REAUTHENTICATE_RETRIES", "2"));
        var authenticator = engine.Get<Authenticator>();
        var process = engine.Get<GatewayProcess>();
        Assert.True(await authenticator.MaintainAsync(LoginTrigger.Startup, CancellationToken.None)); // starts the gateway and logs in
        var first = Assert.Single(process.FindRunning());

        // On the running gateway: the brokerage session drops, and reauthentication never brings it back.
        using var control = new HttpClient { BaseAddress = gateway.ControlUrl };
        (await control.PostAsJsonAsync("/sandbox/scenario", new { reauthenticateFails = true })).EnsureSuccessStatusCode();
        (await control.PostAsync("/sandbox/session/drop-brokerage", null)).EnsureSuccessStatusCode();

        Assert.False(await authenticator.MaintainAsync(LoginTrigger.Maintenance, CancellationToken.None));
        var second = Assert.Single(process.FindRunning());
        Assert.NotEqual(first, second);
        Assert.Contains(engine.Logs.Lines, l => l.Contains("restarting the gateway"));
        Assert.True(engine.Get<IBeam.Engine.State.EngineState>().Current.LastRestoreFailure is { Strategy: "B", GatewayRestarted: true, Number: 1 });

        // The new gateway has no session: the next pass logs in to it.
        Assert.True(await authenticator.MaintainAsync(LoginTrigger.Maintenance, CancellationToken.None));
        Assert.True(engine.Get<IBeam.Engine.State.EngineState>().Current.Gateway.IsHealthy);
    }
}
