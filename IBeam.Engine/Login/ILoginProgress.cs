using IBeam.Engine.TwoFactor;

namespace IBeam.Engine.Login;

/// <summary>Receives a login's progress as it happens (the engine's live state, and the attempt history).</summary>
public interface ILoginProgress
{
    /// <summary>The login reached <paramref name="step"/>; <paramref name="detail"/> never holds a secret.</summary>
    void Step(LoginStep step, string? detail = null);

    /// <summary>A code was obtained from <paramref name="source"/>; only its masked form is passed on.</summary>
    void CodeObtained(string source, string maskedCode) => Step(LoginStep.CodeObtained, $"{maskedCode} from {source}");

    /// <summary>A code or a push approval is awaited from <paramref name="handler"/> until <paramref name="deadline"/>.</summary>
    void Awaiting(string handler, DateTimeOffset deadline, string? prompt, bool push);

    /// <summary>The wait announced by <see cref="Awaiting"/> is over.</summary>
    void AwaitEnded();

    /// <summary>A handler needs the operator to pair a device (a QR to scan, or a screenshot to follow); null when it no longer does.</summary>
    void Pairing(PairingView? view)
    {
    }
}
