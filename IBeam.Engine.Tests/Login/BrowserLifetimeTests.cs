using IBeam.Engine.Login;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Login;

[CollectionDefinition(nameof(BrowserLifetimeTests), DisableParallelization = true)]
public sealed class BrowserLifetimeCollection;

/// <summary>
/// Chromium runs only around a login: none is left after a success, a failure, a cancellation or
/// a pass that needed no login. Run alone, since it counts this test process's Chromium processes.
/// </summary>
[Collection(nameof(BrowserLifetimeTests))]
public sealed class BrowserLifetimeTests : IAsyncLifetime
{
    private SandboxGateway _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxGateway.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task No_Chromium_outlives_a_maintenance_pass_that_logged_in()
    {
        await using var engine = EngineHarness.Create(_sandbox);

        Assert.True(await engine.Get<Authenticator>().MaintainAsync(LoginTrigger.Maintenance, CancellationToken.None));

        Assert.Empty(ChromiumProcesses.OfThisProcess());
    }

    [Fact]
    public async Task No_Chromium_outlives_a_failed_login()
    {
        await using var engine = EngineHarness.Create(_sandbox, ("IBEAM_PASSWORD", "wrong-password"));

        Assert.False(await engine.Get<Authenticator>().MaintainAsync(LoginTrigger.Maintenance, CancellationToken.None));

        Assert.Empty(ChromiumProcesses.OfThisProcess());
    }

    [Fact]
    public async Task The_browser_started_ahead_of_a_command_line_login_is_closed_when_no_login_is_needed()
    {
        _sandbox.State.Reset();
        _sandbox.State.SetScenario(s => s with { TwoFactor = SandboxTwoFactor.None });
        _sandbox.State.SubmitCredentials(SandboxAccount.UserName, SandboxAccount.Password, paper: false);
        await using var engine = EngineHarness.Create(_sandbox);

        Assert.True(await engine.Get<Authenticator>().MaintainAsync(LoginTrigger.CommandLine, CancellationToken.None));

        Assert.Equal(1, _sandbox.State.Counters.SuccessfulLogins); // only the one made above: no browser login
        Assert.Empty(ChromiumProcesses.OfThisProcess());
    }

    [Fact]
    public async Task No_Chromium_outlives_a_cancelled_login()
    {
        _sandbox.State.Reset();
        await using var engine = EngineHarness.Create(_sandbox, ("IBEAM_EXTERNAL_REQUEST_URL", new Uri(_sandbox.ControlUrl, "/sandbox/echo?body=1&delayMs=60000").ToString()));
        var progress = new RecordingProgress();
        using var cancel = new CancellationTokenSource();

        var login = engine.Get<LoginFlow>().RunAsync(progress, cancel.Token);
        await progress.AwaitStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEmpty(ChromiumProcesses.OfThisProcess());
        await cancel.CancelAsync();
        Assert.Equal(LoginOutcome.Cancelled, (await login).Outcome);
        await engine.Get<BrowserLauncher>().WaitForClosedAsync();

        Assert.Empty(ChromiumProcesses.OfThisProcess());
    }
}
