using IBeam.Engine.Login;

namespace IBeam.Engine.Data.Queries;

/// <summary>
/// Which attempts the history shows; every criterion is optional. Times are instants
/// (<see cref="DateTimeOffset"/>) rather than <see cref="DateTime"/>s, so a local or unspecified
/// time cannot be read as UTC by mistake.
/// </summary>
public sealed record AttemptFilter
{
    public static AttemptFilter All { get; } = new();

    /// <summary>Only attempts that ended with one of these; null or empty for any (attempts still running included).</summary>
    public IReadOnlyCollection<LoginOutcome>? Outcomes { get; init; }

    /// <summary>Only attempts started at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only attempts started before this instant (exclusive, so consecutive ranges do not overlap).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only attempts made with this 2FA handler (matched as the journal stores it: trimmed, upper case).</summary>
    public string? Handler { get; init; }
}
