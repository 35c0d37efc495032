using IBeam.Engine.Configuration;

namespace IBeam.Engine.TwoFactor;

/// <summary>
/// A source of 2FA codes, chosen by <see cref="Name"/> through <c>IBEAM_TWO_FA_HANDLER</c>.
/// The engine bounds every call by <see cref="Timeout"/> and stops waiting when it passes,
/// whether or not the handler honours cancellation.
/// </summary>
public interface ITwoFactorHandler
{
    /// <summary>The value of IBEAM_TWO_FA_HANDLER that selects this handler, in upper case.</summary>
    string Name { get; }

    /// <summary>Longest time a single call may take.</summary>
    TimeSpan Timeout { get; }

    /// <summary>One line for the log saying where the code will come from (URL, method, …; never a secret).</summary>
    string Describe();

    /// <summary>Configuration problems of this handler, each naming its variable; checked at start when the handler is selected.</summary>
    IEnumerable<string> Validate(IBeamOptions options) => [];

    /// <summary>The code, or null when there is none.</summary>
    Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken);
}

/// <summary>What the login page asked for.</summary>
/// <param name="RequestedAt">When the page's 2FA step appeared; a code sent before it is stale.</param>
/// <param name="Prompt">The page's instruction text, if any.</param>
/// <param name="Device">The 2FA device chosen on the page, if the page offered a choice.</param>
public sealed record TwoFactorRequest(DateTimeOffset RequestedAt, string? Prompt, string? Device);
