using IBeam.Engine.Data;
using IBeam.Engine.Data.Entities;
using IBeam.Engine.Login;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace IBeam.Engine.Tests.Data;

/// <summary>
/// IBeam killed in the middle of a login, as a real child process: the next start finds the
/// login recorded and marked Interrupted, and the submission it was making counted as failed.
/// </summary>
public sealed class CrashRecoveryTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ibeam-crash-").FullName;

    private string DatabasePath => Path.Combine(_folder, "ibeam.db");

    [Fact]
    public async Task A_process_killed_mid_login_leaves_an_interrupted_attempt_and_the_submission_counted()
    {
        var sandbox = fixture.Fresh();
        var environment = Environment(sandbox, handlerUrl: new Uri(sandbox.ControlUrl, "/sandbox/echo?body=123456&delayMs=120000"));

        await using (var ibeam = DashboardProcess.Start(_folder, environment, "--authenticate"))
        {
            // The code was sent: the credentials are in, and IBeam is waiting on its (hanging) handler.
            await Eventually(() => sandbox.State.Counters.CodesSent == 1 && StepsOfTheOnlyAttempt().Contains(LoginStep.HandlerAsked));
        } // disposing kills the process and its children, as a crash or `kill -9` would

        var (exitCode, output, errors) = await DashboardProcess.RunAsync(_folder, Environment(sandbox), "--check");

        Assert.True(exitCode is 0 or 1, output + errors);
        await using var context = DatabaseStartup.CreateContext(new DatabaseLocation(DatabasePath));
        var attempt = await context.Attempts.Include(a => a.Steps).SingleAsync();
        Assert.Equal(LoginOutcome.Interrupted, attempt.Outcome);
        Assert.Contains(LoginStep.CredentialsSubmitted, attempt.Steps.Select(s => s.Step));
        var lockout = await context.Lockout.SingleAsync();
        Assert.Equal((1, (Guid?)null), (lockout.FailedSubmissions, lockout.PendingSubmission));
        Assert.Contains(await context.LockoutEvents.ToListAsync(), e => e.Kind == LockoutEventKind.InterruptedSubmissionCounted);
    }

    [Fact]
    public async Task Crashes_and_restarts_never_take_the_account_past_the_maximum()
    {
        // Each run submits a wrong password and is killed or ends; IBEAM_MAX_FAILED_AUTH=2 must hold across all of them.
        var sandbox = fixture.Fresh();
        var environment = Environment(sandbox);
        environment["IBEAM_PASSWORD"] = "wrong-password";
        environment["IBEAM_MAX_FAILED_AUTH"] = "2";

        for (var run = 0; run < 4; run++)
        {
            await DashboardProcess.RunAsync(_folder, environment, "--authenticate");
        }

        Assert.Equal(2, sandbox.State.Counters.MaxConsecutiveFailures);
        Assert.Equal(2, sandbox.State.Counters.CredentialSubmissions);
        Assert.False(sandbox.State.Counters.LockedOut);

        // Even with the right password, a restart does not resume attempts until an operator resets the count.
        var corrected = Environment(sandbox);
        corrected["IBEAM_MAX_FAILED_AUTH"] = "2";
        var (exitCode, output, _) = await DashboardProcess.RunAsync(_folder, corrected, "--authenticate");
        Assert.Equal(1, exitCode);
        Assert.Contains("NO SESSION", output);
        Assert.Equal(2, sandbox.State.Counters.CredentialSubmissions);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Dictionary<string, string?> Environment(SandboxGateway sandbox, Uri? handlerUrl = null)
    {
        var environment = OperatorEnvironment.For(sandbox);
        environment["IBEAM_EXTERNAL_REQUEST_URL"] = (handlerUrl ?? sandbox.PhoneCodeUrl).ToString();
        environment["IBEAM_DATABASE_PATH"] = DatabasePath;
        environment["IBEAM_LOG_TO_FILE"] = "false";
        environment["IBEAM_MAX_IMMEDIATE_ATTEMPTS"] = "1";
        return environment;
    }

    private List<LoginStep> StepsOfTheOnlyAttempt()
    {
        if (!File.Exists(DatabasePath))
        {
            return [];
        }

        using var context = DatabaseStartup.CreateContext(new DatabaseLocation(DatabasePath));
        return context.AttemptSteps.AsNoTracking().Select(s => s.Step).ToList();
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 60 s");

            // Watching another process's progress has nothing to await; a short poll is fine in a test.
            await Task.Delay(100);
        }
    }
}
