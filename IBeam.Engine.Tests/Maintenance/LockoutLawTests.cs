using IBeam.Engine.Configuration;
using IBeam.Engine.Login;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Sandbox;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Maintenance;

/// <summary>
/// IBeam's first law: never walk the account into IBKR's lock-out. The sandbox counts failed
/// logins exactly as IBKR does (and locks at 10), so its counters are the ground truth here.
/// </summary>
public sealed class LockoutLawTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private readonly List<EngineHarness> _engines = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var engine in _engines)
        {
            await engine.DisposeAsync();
        }
    }

    [Fact]
    public async Task Repeated_passes_with_a_wrong_password_stop_at_IBEAM_MAX_FAILED_AUTH_and_submit_nothing_after()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_PASSWORD", "not-the-password"), ("IBEAM_MAX_FAILED_AUTH", "3"));

        for (var pass = 1; pass <= 3; pass++)
        {
            Assert.False(await PassAsync(engine));
        }

        var atStop = sandbox.State.Counters;
        Assert.Equal(3, atStop.CredentialSubmissions);
        Assert.Equal(3, atStop.MaxConsecutiveFailures);
        Assert.False(atStop.LockedOut);
        AssertLockedOut(engine.Get<EngineState>().Current, failed: 3);

        // Later passes find the guard stopped and do not even open the login page.
        for (var pass = 4; pass <= 6; pass++)
        {
            Assert.False(await PassAsync(engine));
        }

        Assert.Equal(atStop, sandbox.State.Counters with { Tickles = atStop.Tickles });
        Assert.Equal(3, sandbox.State.Counters.MaxConsecutiveFailures);
        AssertLockedOut(engine.Get<EngineState>().Current, failed: 3);
    }

    [Fact]
    public async Task Wrong_credentials_are_not_retried_within_a_pass()
    {
        // Another try with the same password can only fail again, and spend the allowance faster.
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_PASSWORD", "not-the-password"), ("IBEAM_MAX_IMMEDIATE_ATTEMPTS", "10"), ("IBEAM_MAX_FAILED_AUTH", "5"));

        Assert.False(await PassAsync(engine));

        Assert.Equal(1, sandbox.State.Counters.CredentialSubmissions);
        Assert.Equal(1, sandbox.State.Counters.ConsecutiveFailures);
        var snapshot = engine.Get<EngineState>().Current;
        Assert.Equal(EnginePhase.Failed, snapshot.Phase);
        Assert.Equal(1, snapshot.FailedSubmissions);
        Assert.Equal(5, snapshot.MaxFailedSubmissions);
        Assert.Null(snapshot.StopReason);
        Assert.Contains("IBEAM_PASSWORD", snapshot.LastError);
        Assert.DoesNotContain("not-the-password", snapshot.LastError);
    }

    [Fact]
    public async Task A_rejected_code_is_retried_at_once_but_only_up_to_IBEAM_MAX_FAILED_AUTH()
    {
        // A fresh code may pass where the last did not, so a pass tries again at once; the guard still ends the series.
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox,
            ("IBEAM_EXTERNAL_REQUEST_URL", new Uri(sandbox.ControlUrl, "/sandbox/echo?body=000000").ToString()),
            ("IBEAM_MAX_IMMEDIATE_ATTEMPTS", "10"),
            ("IBEAM_MAX_FAILED_AUTH", "3"));

        Assert.False(await PassAsync(engine));

        var counters = sandbox.State.Counters;
        Assert.Equal(3, counters.CredentialSubmissions);
        Assert.Equal(3, counters.CodeSubmissions);
        Assert.Equal(3, counters.MaxConsecutiveFailures);
        Assert.False(counters.LockedOut);
        Assert.Contains("Login attempt 3 of at most 10", engine.Logs.Text);
        AssertLockedOut(engine.Get<EngineState>().Current, failed: 3);
    }

    [Fact]
    public async Task Resetting_the_lockout_lets_attempts_resume()
    {
        var sandbox = fixture.Fresh();
        using var secrets = new SecretFiles("not-the-password");
        await using var engine = EngineHarness.Create(sandbox, [.. secrets.Settings, ("IBEAM_MAX_FAILED_AUTH", "1")]);
        Assert.False(await PassAsync(engine));
        Assert.False(await PassAsync(engine));
        Assert.Equal(1, sandbox.State.Counters.CredentialSubmissions);
        AssertLockedOut(engine.Get<EngineState>().Current, failed: 1);

        // The operator fixes the password file, then vouches for the account.
        secrets.WritePassword(SandboxAccount.Password);
        await engine.Get<EngineControl>().ResetLockoutAsync("test operator", CancellationToken.None);

        var reset = engine.Get<EngineState>().Current;
        Assert.Equal(EnginePhase.NotAuthenticated, reset.Phase);
        Assert.Equal(0, reset.FailedSubmissions);
        Assert.Null(reset.StopReason);
        Assert.False(engine.Get<ILockoutGuard>().Current.Stopped);

        Assert.True(await PassAsync(engine));
        Assert.Equal(2, sandbox.State.Counters.CredentialSubmissions);
        Assert.Equal(1, sandbox.State.Counters.SuccessfulLogins);
        Assert.Equal(EnginePhase.Authenticated, engine.Get<EngineState>().Current.Phase);
    }

    [Fact]
    public async Task A_successful_login_resets_the_count()
    {
        var sandbox = fixture.Fresh();
        using var secrets = new SecretFiles("not-the-password");
        await using var engine = EngineHarness.Create(sandbox, [.. secrets.Settings, ("IBEAM_MAX_FAILED_AUTH", "3")]);
        Assert.False(await PassAsync(engine));
        Assert.Equal(1, engine.Get<EngineState>().Current.FailedSubmissions);

        secrets.WritePassword(SandboxAccount.Password);
        Assert.True(await PassAsync(engine));
        Assert.Equal(0, engine.Get<ILockoutGuard>().Current.FailedSubmissions);
        Assert.Equal(0, engine.Get<EngineState>().Current.FailedSubmissions);
        Assert.Equal(0, sandbox.State.Counters.ConsecutiveFailures);

        // Counting resumes from zero: two more failures stay below the maximum of three.
        secrets.WritePassword("not-the-password");
        sandbox.State.ExpireSession();
        Assert.False(await PassAsync(engine));
        Assert.False(await PassAsync(engine));
        var snapshot = engine.Get<EngineState>().Current;
        Assert.Equal(EnginePhase.Failed, snapshot.Phase);
        Assert.Equal(2, snapshot.FailedSubmissions);
        Assert.Null(snapshot.StopReason);
        Assert.Equal(2, sandbox.State.Counters.ConsecutiveFailures);
    }

    // The guard's rules, without a browser.

    [Fact]
    public async Task The_guard_counts_a_submission_from_the_moment_it_begins()
    {
        // A process that dies between submitting and reading the answer has already counted it.
        var guard = Guard(max: 3);

        await guard.BeginSubmissionAsync(CancellationToken.None);

        Assert.Equal(new LockoutState(1, 3, false, null), guard.Current);
    }

    [Fact]
    public async Task A_failed_submission_stays_counted()
    {
        var guard = Guard(max: 3);

        await guard.SettleFailedAsync(await guard.BeginSubmissionAsync(CancellationToken.None), "InvalidCredentials", CancellationToken.None);

        Assert.Equal(new LockoutState(1, 3, false, null), guard.Current);
    }

    [Fact]
    public async Task A_submission_IBKR_did_not_judge_is_given_back()
    {
        var guard = Guard(max: 3);
        await guard.SettleFailedAsync(await guard.BeginSubmissionAsync(CancellationToken.None), "InvalidCredentials", CancellationToken.None);

        await guard.SettleNotCountedAsync(await guard.BeginSubmissionAsync(CancellationToken.None), CancellationToken.None);

        Assert.Equal(1, guard.Current.FailedSubmissions);
    }

    [Fact]
    public async Task Settling_a_ticket_twice_changes_nothing_the_second_time()
    {
        var guard = Guard(max: 3);
        var ticket = await guard.BeginSubmissionAsync(CancellationToken.None);
        await guard.SettleFailedAsync(ticket, "InvalidCredentials", CancellationToken.None);

        await guard.SettleFailedAsync(ticket, "InvalidCredentials", CancellationToken.None);
        await guard.SettleNotCountedAsync(ticket, CancellationToken.None);

        Assert.Equal(1, guard.Current.FailedSubmissions);
    }

    [Fact]
    public async Task A_success_returns_the_count_to_zero()
    {
        var guard = Guard(max: 3);
        await FailAsync(guard, times: 2);

        await guard.SettleSucceededAsync(await guard.BeginSubmissionAsync(CancellationToken.None), CancellationToken.None);

        Assert.Equal(new LockoutState(0, 3, false, null), guard.Current);
    }

    [Fact]
    public async Task At_the_maximum_the_guard_stops_and_refuses_the_next_submission()
    {
        var guard = Guard(max: 3);
        await FailAsync(guard, times: 3);

        Assert.True(guard.Current.Stopped);
        Assert.Equal(3, guard.Current.FailedSubmissions);
        Assert.Contains("IBEAM_MAX_FAILED_AUTH=3", guard.Current.Reason);
        var refused = await Assert.ThrowsAsync<LockoutGuardStoppedException>(async () => await guard.BeginSubmissionAsync(CancellationToken.None));
        Assert.Equal(guard.Current.Reason, refused.Message);
        Assert.Equal(3, guard.Current.FailedSubmissions);
    }

    [Fact]
    public async Task Submissions_still_in_flight_count_towards_the_maximum()
    {
        var guard = Guard(max: 2);
        await guard.BeginSubmissionAsync(CancellationToken.None);
        await guard.BeginSubmissionAsync(CancellationToken.None);

        await Assert.ThrowsAsync<LockoutGuardStoppedException>(async () => await guard.BeginSubmissionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_reset_clears_the_stop_and_the_count_but_keeps_submissions_in_flight()
    {
        var guard = Guard(max: 3);
        await FailAsync(guard, times: 3);

        await guard.ResetAsync("test operator", CancellationToken.None);

        Assert.Equal(new LockoutState(0, 3, false, null), guard.Current);
        await guard.BeginSubmissionAsync(CancellationToken.None);
        await guard.ResetAsync("test operator", CancellationToken.None);
        Assert.Equal(1, guard.Current.FailedSubmissions); // its answer is still to come: it counts until settled
    }

    /// <summary>A guard on a database of its own (the harness is kept for disposal with the test class).</summary>
    private ILockoutGuard Guard(int max)
    {
        var engine = EngineHarness.Create(new Dictionary<string, string?>(),
            ("IBEAM_MAX_FAILED_AUTH", max.ToString()), ("IBEAM_ACCOUNT", "someone"), ("IBEAM_PASSWORD", "something"));
        _engines.Add(engine);
        return engine.Get<ILockoutGuard>();
    }

    private static async Task FailAsync(ILockoutGuard guard, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await guard.SettleFailedAsync(await guard.BeginSubmissionAsync(CancellationToken.None), "InvalidCredentials", CancellationToken.None);
        }
    }

    private static Task<bool> PassAsync(EngineHarness engine) =>
        engine.Get<Authenticator>().MaintainAsync(LoginTrigger.Maintenance, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(120));

    private static void AssertLockedOut(EngineSnapshot snapshot, int failed)
    {
        Assert.Equal(EnginePhase.LockedOut, snapshot.Phase);
        Assert.Equal(failed, snapshot.FailedSubmissions);
        Assert.Contains("IBEAM_MAX_FAILED_AUTH", snapshot.StopReason);
    }

    /// <summary>Credentials as files (IBEAM_SECRETS_SOURCE=fs): read at each login, so a test can change the password between passes.</summary>
    private sealed class SecretFiles : IDisposable
    {
        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ibeam-secrets-");

        public SecretFiles(string password)
        {
            File.WriteAllText(Account, SandboxAccount.UserName);
            WritePassword(password);
        }

        private string Account => Path.Combine(_folder.FullName, "account");

        private string Password => Path.Combine(_folder.FullName, "password");

        public (string Key, string? Value)[] Settings => [("IBEAM_SECRETS_SOURCE", "fs"), ("IBEAM_ACCOUNT", Account), ("IBEAM_PASSWORD", Password)];

        public void WritePassword(string password) => File.WriteAllText(Password, password + "\n");

        public void Dispose() => _folder.Delete(recursive: true);
    }
}
