using IBeam.Engine.Sandbox;

namespace IBeam.Engine.Tests.Shared;

/// <summary>Puts a session into the sandbox without Chromium, and reads what the sandbox counted since.</summary>
public static class SandboxSessions
{
    /// <summary>
    /// Opens an authenticated session the way a login by hand would: through the sandbox's own SSO
    /// call, as if the user had no second factor. Tests about what a pass does to an existing
    /// session spend no browser time on setting it up. Returns the counters afterwards: the
    /// baseline for <see cref="Since"/>.
    /// </summary>
    public static SandboxCounters OpenSession(this SandboxGateway sandbox)
    {
        var scenario = sandbox.State.Scenario;
        sandbox.State.SetScenario(s => s with { TwoFactor = SandboxTwoFactor.None, Promotion = false, PaperUser = false });
        try
        {
            var answer = sandbox.State.SubmitCredentials(SandboxAccount.UserName, SandboxAccount.Password, paper: false);
            Assert.Equal("success", answer.Result);
        }
        finally
        {
            sandbox.State.SetScenario(_ => scenario);
        }

        Assert.NotNull(sandbox.State.Session);
        return sandbox.State.Counters;
    }

    /// <summary>
    /// What the sandbox counted between <paramref name="before"/> and <paramref name="after"/>;
    /// <see cref="SandboxCounters.LockedOut"/> is taken as it is now. Compared as a whole record,
    /// it also says that nothing else happened.
    /// </summary>
    public static SandboxCounters Since(this SandboxCounters after, SandboxCounters before) => new()
    {
        CredentialSubmissions = after.CredentialSubmissions - before.CredentialSubmissions,
        CodeSubmissions = after.CodeSubmissions - before.CodeSubmissions,
        ConsecutiveFailures = after.ConsecutiveFailures - before.ConsecutiveFailures,
        MaxConsecutiveFailures = after.MaxConsecutiveFailures - before.MaxConsecutiveFailures,
        TotalFailures = after.TotalFailures - before.TotalFailures,
        SuccessfulLogins = after.SuccessfulLogins - before.SuccessfulLogins,
        LockedOut = after.LockedOut,
        Tickles = after.Tickles - before.Tickles,
        Reauthentications = after.Reauthentications - before.Reauthentications,
        Logouts = after.Logouts - before.Logouts,
        Initialisations = after.Initialisations - before.Initialisations,
        Validations = after.Validations - before.Validations,
        CodesSent = after.CodesSent - before.CodesSent,
    };

    /// <summary>The counters of one browser login that passed the sandbox's SMS code.</summary>
    public static SandboxCounters OneLogin(int logins = 1) => new()
    {
        CredentialSubmissions = logins,
        CodesSent = logins,
        CodeSubmissions = logins,
        SuccessfulLogins = logins,
    };
}
