namespace IBeam.Engine.Data.Queries;

/// <summary>The attempts started on one day.</summary>
/// <param name="Attempts">All of them, those still running included.</param>
/// <param name="Successes">Those that logged in.</param>
/// <param name="Failures">Those that ended any other way.</param>
public sealed record DailyAttempts(DateOnly Day, int Attempts, int Successes, int Failures)
{
    /// <summary>Successes among the attempts that ended (0 to 1); null on a day when none ended.</summary>
    public double? SuccessRate => Successes + Failures == 0 ? null : (double)Successes / (Successes + Failures);
}
