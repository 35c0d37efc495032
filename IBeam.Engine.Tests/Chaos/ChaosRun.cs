using IBeam.Engine.Data;
using IBeam.Engine.Login;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Sandbox;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace IBeam.Engine.Tests.Chaos;

/// <summary>
/// Plays randomized scenarios against one sandbox with one database, restarting the engine from
/// time to time, and checks the lock-out law's invariants after every maintenance pass against
/// the sandbox's own counters and the database. A failure names the seed and the scenario. Runs
/// of their own sandboxes and folders can play side by side (lanes): each counts only the Chromium
/// processes started through its own launcher.
/// </summary>
public sealed class ChaosRun(SandboxGateway sandbox, string folder, int seed, int lane = 0) : IAsyncDisposable
{
    public const int MaxFailedAuth = 3;

    /// <summary>An engine lives this many scenarios before it is stopped and a new one starts on the same database.</summary>
    private const int ScenariosPerLife = 40;

    /// <summary>Longer than any pass can take with the timeouts below; a pass still running then is a hang.</summary>
    private static readonly TimeSpan PassLimit = TimeSpan.FromSeconds(120);

    private readonly string? _launcher = ChromiumProcesses.CreateOwnLauncher(folder);
    private EngineHarness? _engine;
    private int _lives;
    private int _midLoginStrikes;
    private int _chromiumSeenMidLogin;

    // The sandbox's consecutive failures when an operator last reset the guard: from there, the guard answers for at most MaxFailedAuth more.
    private int _failuresAtReset;

    /// <summary>What was played, for the report.</summary>
    public Dictionary<ChaosFault, int> Played { get; } = [];

    public int Logins { get; private set; }

    /// <summary>How long each scenario took, to see where the time goes.</summary>
    public List<(ChaosScenario Scenario, TimeSpan Took)> Timings { get; } = [];

    public int GuardStops { get; private set; }

    /// <summary>Scenarios after which recovery was checked.</summary>
    public int Recoveries { get; private set; }

    public async Task PlayAsync(int scenarios)
    {
        var random = new Random(unchecked(seed + lane * 1_000_003));
        for (var number = 1; number <= scenarios; number++)
        {
            var scenario = ChaosScenario.Draw(random, number);
            try
            {
                if (_engine is null || number % ScenariosPerLife == 0)
                {
                    await RestartEngineAsync();
                }

                var started = TimeProvider.System.GetTimestamp();
                await PlayAsync(scenario);
                Timings.Add((scenario, TimeProvider.System.GetElapsedTime(started)));
                Played[scenario.Fault] = Played.GetValueOrDefault(scenario.Fault) + 1;
            }
            catch (Exception e)
            {
                throw new ChaosFailure($"Chaos seed {seed} (replay with CHAOS_SEED={seed}), lane {lane}, scenario {scenario}: {e.Message}", e);
            }
        }

        AssertNoUnhandledException();
        Assert.True(_midLoginStrikes == 0 || _chromiumSeenMidLogin > 0, $"none of {_midLoginStrikes} mid-login strikes saw the login's Chromium: the Chromium count looks in the wrong place");
    }

    private async Task PlayAsync(ChaosScenario scenario)
    {
        sandbox.State.SetScenario(s => Healthy(s) with { TwoFactor = scenario.TwoFactor });
        if (scenario.NeedsSession)
        {
            Assert.True(await PassAsync(), "a clean pass did not authenticate before a session fault");
            Break(scenario.Fault);
        }
        else if (sandbox.State.HasSession())
        {
            sandbox.State.ExpireSession();
        }

        if (!scenario.NeedsSession && !scenario.MidLogin)
        {
            Break(scenario.Fault);
        }

        await PassAsync(scenario.MidLogin ? scenario.Fault : null);

        // The fault clears. If the guard stopped, an operator vouches for the account (the only way attempts resume).
        sandbox.State.SetScenario(Healthy);
        var stopped = Engine.Get<ILockoutGuard>().Current.Reason is not null;
        if (stopped)
        {
            GuardStops++;
            _failuresAtReset = sandbox.State.Counters.ConsecutiveFailures;
            await Engine.Get<EngineControl>().ResetLockoutAsync("chaos operator", CancellationToken.None);
        }

        // Authenticated again within one maintenance pass (one interval plus one login). Checked after
        // every guard stop and every third scenario; otherwise the next fault follows at once, as
        // faults do in a bad night, which also keeps the run short.
        if (stopped || scenario.Number % 3 == 0)
        {
            Assert.True(await PassAsync(), $"not authenticated in the first pass after the fault cleared: {Engine.Get<EngineState>().Current.LastError}");
            Recoveries++;
        }
    }

    /// <summary>One maintenance pass, with <paramref name="midLogin"/> striking once the credentials are in; then the invariants.</summary>
    private async Task<bool> PassAsync(ChaosFault? midLogin = null)
    {
        using var stop = new CancellationTokenSource();
        var strike = midLogin is { } fault ? StrikeMidLoginAsync(fault, stop.Token) : Task.CompletedTask;
        var attemptsBefore = sandbox.State.Counters.CredentialSubmissions;
        bool authenticated;
        try
        {
            authenticated = await Engine.Get<Authenticator>().MaintainAsync(LoginTrigger.Maintenance, CancellationToken.None).WaitAsync(PassLimit);
        }
        finally
        {
            await stop.CancelAsync();
            await strike;
        }

        Logins += sandbox.State.Counters.CredentialSubmissions - attemptsBefore;
        await AssertInvariantsAsync();
        return authenticated;
    }

    private async Task StrikeMidLoginAsync(ChaosFault fault, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var snapshot in Engine.Get<EngineState>().WatchAsync(cancellationToken))
            {
                if (snapshot.Attempt is { Step: >= LoginStep.CredentialsSubmitted })
                {
                    Break(fault);
                    // The login's Chromium runs now: seeing it proves the count after the pass looks in the right place.
                    _chromiumSeenMidLogin += OwnChromium().Count > 0 ? 1 : 0;
                    _midLoginStrikes++;
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The pass ended before its login got that far.
        }
    }

    private async Task AssertInvariantsAsync()
    {
        var counters = sandbox.State.Counters;
        Assert.False(counters.LockedOut, "the sandbox locked the account");
        Assert.True(counters.ConsecutiveFailures - _failuresAtReset <= MaxFailedAuth,
            $"{counters.ConsecutiveFailures} consecutive failed logins ({_failuresAtReset} before the last operator reset), more than IBEAM_MAX_FAILED_AUTH={MaxFailedAuth}");

        await using var context = DatabaseStartup.CreateContext(new DatabaseLocation(DatabasePath));
        var unfinished = await context.Attempts.AsNoTracking().CountAsync(a => a.Outcome == null);
        Assert.True(unfinished == 0, $"{unfinished} attempt(s) left without an outcome");

        // The browser is closed before the pass returns; its processes may take a moment to be reaped.
        await Eventually.HoldsAsync(() => OwnChromium().Count == 0, "no Chromium process outlives the login", TimeSpan.FromSeconds(10));
    }

    /// <summary>This run's Chromium processes: those started through its launcher, or every one of the test process without Debian's Chromium (one lane only).</summary>
    private IReadOnlyList<int> OwnChromium() => _launcher is null ? ChromiumProcesses.OfThisProcess() : ChromiumProcesses.StartedThrough(_launcher);

    private void AssertNoUnhandledException()
    {
        var unhandled = Engine.Logs.Lines.Where(l => (l.StartsWith("Error|", StringComparison.Ordinal) || l.StartsWith("Critical|", StringComparison.Ordinal)) && l.Contains("\n   at ", StringComparison.Ordinal)).ToList();
        Assert.True(unhandled.Count == 0, "exceptions logged as errors:\n" + string.Join("\n", unhandled.Take(3)));
    }

    private void Break(ChaosFault fault)
    {
        switch (fault)
        {
            case ChaosFault.SessionExpired: sandbox.State.ExpireSession(); break;
            case ChaosFault.CompetingSession: sandbox.State.MakeCompeting(); break;
            case ChaosFault.DroppedBrokerage: sandbox.State.DropBrokerage(); break;
            default: sandbox.State.SetScenario(s => Faulty(s, fault)); break;
        }
    }

    private static SandboxScenario Faulty(SandboxScenario scenario, ChaosFault fault) => fault switch
    {
        ChaosFault.WrongPassword => scenario with { PasswordChanged = true },
        ChaosFault.WrongCode => scenario with { PhoneAnswer = SandboxPhoneAnswer.WrongCode },
        ChaosFault.JunkCode => scenario with { PhoneAnswer = SandboxPhoneAnswer.Junk },
        ChaosFault.HandlerError => scenario with { PhoneAnswer = SandboxPhoneAnswer.Error },
        ChaosFault.HandlerThrows => scenario with { PhoneAnswer = SandboxPhoneAnswer.Drop },
        ChaosFault.HandlerHangs => scenario with { PhoneAnswer = SandboxPhoneAnswer.Hang },
        ChaosFault.Gateway500 => scenario with { Fail500 = true },
        ChaosFault.Gateway503 => scenario with { Fail503 = true },
        ChaosFault.GatewaySlow => scenario with { DelayMs = 2_500 },
        ChaosFault.GatewayDown => scenario with { Down = true },
        ChaosFault.GarbageJson => scenario with { GarbageJson = true },
        _ => scenario,
    };

    private static SandboxScenario Healthy(SandboxScenario scenario) => scenario with
    {
        PasswordChanged = false,
        PhoneAnswer = SandboxPhoneAnswer.Code,
        Fail500 = false,
        Fail503 = false,
        DelayMs = 0,
        Down = false,
        GarbageJson = false,
    };

    private EngineHarness Engine => _engine ?? throw new InvalidOperationException("No engine runs.");

    private string DatabasePath => Path.Combine(folder, "ibeam.db");

    /// <summary>Stops the engine and starts a new one on the same database, alternating the strategies.</summary>
    private async Task RestartEngineAsync()
    {
        if (_engine is not null)
        {
            AssertNoUnhandledException();
            await _engine.DisposeAsync();
        }

        _lives++;
        _engine = EngineHarness.Create(sandbox,
            ("IBEAM_DATABASE_PATH", DatabasePath),
            ("IBEAM_BROWSER_PATH", _launcher),
            ("IBEAM_AUTHENTICATION_STRATEGY", _lives % 2 == 1 ? "B" : "A"),
            ("IBEAM_MAX_FAILED_AUTH", MaxFailedAuth.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("IBEAM_MAX_IMMEDIATE_ATTEMPTS", "2"),
            ("IBEAM_TWO_FA_FALLBACK", "NONE"),
            ("IBEAM_EXTERNAL_REQUEST_TIMEOUT", "2"),
            ("IBEAM_REQUEST_RETRIES", "0"),
            ("IBEAM_REQUEST_TIMEOUT", "2"),
            ("IBEAM_PAGE_LOAD_TIMEOUT", "5"),
            ("IBEAM_OAUTH_TIMEOUT", "5"),
            ("IBEAM_REAUTHENTICATE_WAIT", "2"),
            ("IBEAM_RESTART_WAIT", "2"),
            ("IBEAM_MAX_STATUS_CHECK_RETRIES", "3")); // a healthy sandbox authenticates at once; more checks only lengthen faulty passes
    }

    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }
    }
}

public sealed class ChaosFailure(string message, Exception inner) : Exception(message, inner);
