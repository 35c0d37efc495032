using IBeam.Engine.Login;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.TwoFactor;

/// <summary>TOTP logins in real Chromium against the sandbox's Mobile Authenticator App.</summary>
public sealed class TotpLoginTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_TOTP_code_from_the_secret_completes_the_login()
    {
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.Totp, CodeInput = "app" });
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_TWO_FA_HANDLER", "TOTP"), ("IBEAM_TOTP_SECRET", SandboxAccount.TotpSecret));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Equal(1, sandbox.State.Counters.CodeSubmissions);
        Assert.Equal(0, sandbox.State.Counters.CodesSent); // nothing was sent: the code came from the secret
    }

    [Fact]
    public async Task The_Mobile_Authenticator_App_is_chosen_and_answered_with_IBeams_PYOTP_settings()
    {
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.Choice });
        await using var engine = EngineHarness.Create(sandbox,
            ("IBEAM_TWO_FA_SELECT_TARGET", "Mobile Authenticator App"),
            ("IBEAM_TWO_FA_HANDLER", "PYOTP"),
            ("IBEAM_PYOTP_SECRET", SandboxAccount.TotpSecret),
            ("IBEAM_PYOTP_EXPIRY_BUFFER_SECONDS", "8"));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Contains("Asking for the 2FA code: TOTP", engine.Logs.Text);
        Assert.DoesNotContain(SandboxAccount.TotpSecret, engine.Logs.Text);
    }

    [Fact]
    public async Task A_code_from_another_secret_is_rejected_and_counted()
    {
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.Totp });
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_TWO_FA_HANDLER", "TOTP"), ("IBEAM_TOTP_SECRET", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.CodeRejected, result.Outcome);
        Assert.True(result.CountedAsFailure);
        Assert.Equal(1, sandbox.State.Counters.ConsecutiveFailures);
    }
}
