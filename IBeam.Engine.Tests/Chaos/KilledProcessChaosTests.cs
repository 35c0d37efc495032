using System.Globalization;
using IBeam.Engine.Data;
using IBeam.Engine.Login;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace IBeam.Engine.Tests.Chaos;

/// <summary>
/// IBeam as a real process, killed (as by `kill -9`) at a random moment of a login and started
/// again, over and over: the lock-out law holds across the crashes, every login is recorded with an
/// outcome once IBeam is back, and after an operator's reset the next run logs in.
/// </summary>
[Collection(nameof(LockoutChaosTests))]
public sealed class KilledProcessChaosTests(SandboxFixture fixture, ITestOutputHelper output) : IClassFixture<SandboxFixture>, IDisposable
{
    private const int MaxFailedAuth = 2;
    private const int Kills = 8;

    private readonly string _folder = Directory.CreateTempSubdirectory("ibeam-kill-").FullName;

    private string DatabasePath => Path.Combine(_folder, "ibeam.db");

    [Fact]
    public async Task Killed_and_restarted_mid_login_the_account_never_passes_the_maximum()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CHAOS_SEED"), CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next();
        output.WriteLine($"Chaos seed {seed} (replay with CHAOS_SEED={seed})");
        var random = new Random(seed);
        var sandbox = fixture.Fresh();

        for (var kill = 1; kill <= Kills; kill++)
        {
            // A wrong password, or a handler that hangs once the credentials are in: either way a submission is in flight.
            var wrongPassword = random.Next(2) == 0;
            var environment = Settings(sandbox, wrongPassword ? "wrong-password" : SandboxAccount.Password,
                wrongPassword ? sandbox.PhoneCodeUrl : new Uri(sandbox.ControlUrl, "/sandbox/echo?body=123456&delayMs=120000"));
            var submissionsBefore = sandbox.State.Counters.CredentialSubmissions;
            var killAfter = TimeSpan.FromMilliseconds(random.Next(0, 2_500));
            await using (var ibeam = DashboardProcess.Start(_folder, environment, "--authenticate"))
            {
                // Killed at a random moment after the credentials went in, or earlier when it stops before that.
                await Task.WhenAny(ibeam.WaitForExitAsync(TimeSpan.FromSeconds(60)), SubmittedAsync(sandbox, submissionsBefore));
                await Task.Delay(killAfter);
            }

            var (exitCode, checkOutput, errors) = await DashboardProcess.RunAsync(_folder, Settings(sandbox, SandboxAccount.Password, sandbox.PhoneCodeUrl), "--check");
            Assert.True(exitCode is 0 or 1, $"seed {seed}, kill {kill}: {checkOutput}\n{errors}");
            var counters = sandbox.State.Counters;
            output.WriteLine($"kill {kill}: wrong password {wrongPassword}, after {killAfter.TotalMilliseconds:0} ms; sandbox consecutive failures {counters.ConsecutiveFailures}");
            Assert.False(counters.LockedOut, $"seed {seed}: the sandbox locked the account");
            Assert.True(counters.ConsecutiveFailures <= MaxFailedAuth, $"seed {seed}, kill {kill}: {counters.ConsecutiveFailures} consecutive failures, more than {MaxFailedAuth}");
            await using var context = DatabaseStartup.CreateContext(new DatabaseLocation(DatabasePath));
            Assert.Equal(0, await context.Attempts.CountAsync(a => a.Outcome == null));
        }

        // An operator vouches for the account (the dashboard's reset); the next run logs in.
        await using (var engine = EngineHarness.Create(sandbox, ("IBEAM_DATABASE_PATH", DatabasePath)))
        {
            await engine.Get<ILockoutGuard>().ResetAsync("chaos operator", CancellationToken.None);
        }

        var (loggedIn, loginOutput, loginErrors) = await DashboardProcess.RunAsync(_folder, Settings(sandbox, SandboxAccount.Password, sandbox.PhoneCodeUrl), "--authenticate");
        Assert.True(loggedIn == 0, $"seed {seed}: {loginOutput}\n{loginErrors}");
        Assert.Equal(0, sandbox.State.Counters.ConsecutiveFailures);
        Assert.Empty(ChromiumProcesses.OfThisProcess());
    }

    private static async Task SubmittedAsync(SandboxGateway sandbox, int before) =>
        await Eventually.HoldsAsync(() => sandbox.State.Counters.CredentialSubmissions > before, "the credentials are submitted", TimeSpan.FromSeconds(60));

    private Dictionary<string, string?> Settings(SandboxGateway sandbox, string password, Uri handlerUrl)
    {
        var environment = OperatorEnvironment.For(sandbox);
        environment["IBEAM_PASSWORD"] = password;
        environment["IBEAM_EXTERNAL_REQUEST_URL"] = handlerUrl.ToString();
        environment["IBEAM_DATABASE_PATH"] = DatabasePath;
        environment["IBEAM_MAX_FAILED_AUTH"] = MaxFailedAuth.ToString(CultureInfo.InvariantCulture);
        environment["IBEAM_MAX_IMMEDIATE_ATTEMPTS"] = "1";
        environment["IBEAM_LOG_TO_FILE"] = "false";
        return environment;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
