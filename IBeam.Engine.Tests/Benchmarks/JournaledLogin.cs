using IBeam.Engine.Data.Queries;
using IBeam.Engine.Login;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Benchmarks;

/// <summary>
/// One login as the maintenance loop makes it (<see cref="SessionActions.LogInAsync"/>: the attempt history
/// and the live state are written at each step), in a fresh engine against the sandbox.
/// </summary>
public static class JournaledLogin
{
    /// <summary>The login, as the history recorded it, and the requests the sandbox's gateway port answered meanwhile.</summary>
    /// <param name="whileRunning">What the test does while the login runs (an operator typing the code, say).</param>
    public static async Task<(AttemptView Attempt, IReadOnlyList<SandboxRequest> Requests)> RunAsync(
        SandboxGateway sandbox, Func<EngineHarness, Task>? whileRunning, params (string Key, string? Value)[] settings)
    {
        await using var engine = EngineHarness.Create(sandbox, settings);
        var login = engine.Get<SessionActions>().LogInAsync(LoginTrigger.Operator, CancellationToken.None);
        if (whileRunning is not null)
        {
            await whileRunning(engine);
        }

        var result = await login;
        Assert.True(result.Succeeded, $"{result.Outcome}: {result.Error}");
        var attempt = Assert.Single((await engine.Get<AttemptHistory>().PageAsync(AttemptFilter.All, AttemptPaging.First())).Attempts);
        return (attempt, sandbox.State.Requests);
    }
}
