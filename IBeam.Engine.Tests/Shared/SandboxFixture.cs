using IBeam.Engine.Sandbox;

namespace IBeam.Engine.Tests.Shared;

/// <summary>One sandbox gateway for a test class; each test starts from <see cref="Fresh"/>.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public SandboxGateway Sandbox { get; private set; } = null!;

    /// <summary>The sandbox, reset to its defaults (no session, counters at zero), with <paramref name="scenario"/> applied.</summary>
    public SandboxGateway Fresh(Func<SandboxScenario, SandboxScenario>? scenario = null)
    {
        Sandbox.State.Reset();
        if (scenario is not null)
        {
            Sandbox.State.SetScenario(scenario);
        }

        return Sandbox;
    }

    public async Task InitializeAsync() => Sandbox = await SandboxGateway.StartAsync();

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
