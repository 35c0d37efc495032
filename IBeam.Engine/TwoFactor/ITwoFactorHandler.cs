using IBeam.Engine.Configuration;

namespace IBeam.Engine.TwoFactor;

/// <summary>
/// A source of 2FA codes, chosen by <see cref="Name"/> through <c>IBEAM_TWO_FA_HANDLER</c> (or
/// <c>IBEAM_TWO_FA_FALLBACK</c>). The engine bounds every call by <see cref="Timeout"/> and stops
/// waiting when it passes, whether or not the handler honours cancellation.
/// </summary>
public interface ITwoFactorHandler
{
    /// <summary>The value of IBEAM_TWO_FA_HANDLER that selects this handler, in upper case.</summary>
    string Name { get; }

    /// <summary>Other names that select it (IBeam's older names, such as PYOTP for TOTP).</summary>
    IReadOnlyList<string> Aliases => [];

    /// <summary>Longest time a single call may take.</summary>
    TimeSpan Timeout { get; }

    /// <summary>One line for the log saying where the code will come from (URL, method, …; never a secret).</summary>
    string Describe();

    /// <summary>Configuration problems of this handler, each naming its variable; checked at start when the handler is selected.</summary>
    IEnumerable<string> Validate(IBeamOptions options) => [];

    /// <summary>The code, or null when there is none.</summary>
    Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// A handler for IB Key push notifications: nothing is typed; while the phone has not approved,
/// the engine presses the page's resend link every <see cref="ResendInterval"/>, up to
/// <see cref="ResendRetries"/> times.
/// </summary>
public interface IPushNotificationHandler
{
    int ResendRetries { get; }

    TimeSpan ResendInterval { get; }
}

/// <summary>What the login page asked for.</summary>
/// <param name="RequestedAt">When the page's 2FA step appeared; a code sent before it is stale.</param>
/// <param name="Prompt">The page's instruction text, if any.</param>
/// <param name="Device">The 2FA device chosen on the page, if the page offered a choice.</param>
public sealed record TwoFactorRequest(DateTimeOffset RequestedAt, string? Prompt, string? Device)
{
    /// <summary>
    /// Shows the operator what a handler needs from them (a pairing QR or a screenshot of a
    /// pairing page); null takes it away. Set by the engine; a handler may call it any number of times.
    /// </summary>
    public Action<PairingView?> ShowPairing { get; init; } = _ => { };
}

/// <summary>
/// What the operator must do for a handler to work: scan <see cref="QrPayload"/> (rendered locally,
/// never sent anywhere) or, when no payload can be read, follow <see cref="Screenshot"/> (PNG).
/// </summary>
public sealed record PairingView(string Handler, string Instructions, string? QrPayload, byte[]? Screenshot);
