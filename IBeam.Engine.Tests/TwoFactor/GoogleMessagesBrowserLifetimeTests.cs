using IBeam.Engine.Login;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Login;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.TwoFactor;

/// <summary>
/// The Chromium that reads Google Messages lives only for one call: none is left after a login,
/// nor after a login cancelled while it waits for pairing. Run alone, since it counts this test
/// process's Chromium processes.
/// </summary>
[Collection(nameof(BrowserLifetimeTests))]
public sealed class GoogleMessagesBrowserLifetimeTests : IAsyncLifetime
{
    private SandboxGateway _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxGateway.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task No_Chromium_outlives_a_login_that_read_the_code_from_Google_Messages()
    {
        await using var engine = EngineHarness.Create(_sandbox, MessagesPhone.Settings(_sandbox));
        var progress = new RecordingProgress();

        var login = engine.Get<LoginFlow>().RunAsync(progress, CancellationToken.None);
        await MessagesPhone.ScanAsync(_sandbox, (await progress.PairingShown.Task.WaitAsync(TimeSpan.FromSeconds(60))).QrPayload);
        Assert.Equal(LoginOutcome.Succeeded, (await login).Outcome);
        await engine.Get<BrowserLauncher>().WaitForClosedAsync();

        Assert.Empty(ChromiumProcesses.OfThisProcess());
    }

    [Fact]
    public async Task No_Chromium_outlives_a_login_cancelled_while_Google_Messages_waits_for_pairing()
    {
        _sandbox.State.Reset();
        await using var engine = EngineHarness.Create(_sandbox, MessagesPhone.Settings(_sandbox));
        var progress = new RecordingProgress();
        using var cancel = new CancellationTokenSource();

        var login = engine.Get<LoginFlow>().RunAsync(progress, cancel.Token);
        await progress.PairingShown.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEmpty(ChromiumProcesses.OfThisProcess());
        await cancel.CancelAsync();
        Assert.Equal(LoginOutcome.Cancelled, (await login).Outcome);
        await engine.Get<BrowserLauncher>().WaitForClosedAsync();

        // The engine does not wait for a handler it abandoned; cancelling told the handler to close its Chromium.
        await Eventually.HoldsAsync(() => ChromiumProcesses.OfThisProcess().Count == 0, "every Chromium has exited", TimeSpan.FromSeconds(10));
    }
}
