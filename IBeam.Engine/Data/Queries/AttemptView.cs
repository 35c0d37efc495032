using IBeam.Engine.Login;

namespace IBeam.Engine.Data.Queries;

/// <summary>One login as the history shows it: a read model, detached from the database.</summary>
/// <param name="MaskedCode">At most the last two characters of the code are visible.</param>
/// <param name="Steps">The steps it reached, oldest first.</param>
public sealed record AttemptView(
    Guid Id,
    DateTime StartedAt,
    DateTime? EndedAt,
    LoginTrigger Trigger,
    string Strategy,
    string? Handler,
    LoginOutcome? Outcome,
    bool CountedAsFailure,
    string? CodeSource,
    string? MaskedCode,
    string? Error,
    string? Screenshot,
    IReadOnlyList<AttemptStepView> Steps)
{
    /// <summary>Null while the login runs.</summary>
    public TimeSpan? Duration => EndedAt - StartedAt;

    /// <summary>Where the next page starts when this is the last attempt shown.</summary>
    public AttemptCursor Cursor => new(StartedAt, Id);
}

/// <summary>A step a login reached, and when.</summary>
public sealed record AttemptStepView(LoginStep Step, DateTime At, string? Detail);

/// <summary>A page of the history, newest first.</summary>
/// <param name="Total">How many attempts match the filter, across all pages.</param>
/// <param name="Next">Where the following page starts; null on the last page.</param>
public sealed record AttemptPage(IReadOnlyList<AttemptView> Attempts, int Total, AttemptCursor? Next)
{
    public static AttemptPage Empty { get; } = new([], 0, null);
}
