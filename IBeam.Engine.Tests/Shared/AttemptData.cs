using IBeam.Engine.Data.Entities;
using IBeam.Engine.Login;

namespace IBeam.Engine.Tests.Shared;

/// <summary>Login attempts as the journal writes them, for seeding a history.</summary>
public static class AttemptData
{
    public static readonly DateTime Monday = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>An attempt that started at <paramref name="startedAt"/> and, unless <paramref name="outcome"/> is null (still running), ended 3 s later.</summary>
    public static LoginAttempt Attempt(DateTime startedAt, LoginOutcome? outcome = LoginOutcome.Succeeded, string? handler = "EXTERNAL_REQUEST")
    {
        var endedAt = outcome is null ? (DateTime?)null : startedAt.AddSeconds(3);
        var attempt = new LoginAttempt
        {
            Id = Guid.NewGuid(),
            StartedAt = startedAt,
            EndedAt = endedAt,
            Trigger = LoginTrigger.Maintenance,
            Strategy = "B",
            Handler = handler,
            Outcome = outcome,
            CountedAsFailure = outcome is LoginOutcome.InvalidCredentials or LoginOutcome.CodeRejected,
            Error = outcome is null or LoginOutcome.Succeeded ? null : $"{outcome} (test)",
        };
        attempt.Steps.Add(new LoginAttemptStep { Step = LoginStep.Starting, At = startedAt });
        if (endedAt is { } end)
        {
            attempt.Steps.Add(new LoginAttemptStep { Step = LoginStep.Finished, At = end, Detail = outcome.ToString() });
        }

        return attempt;
    }

    /// <summary><paramref name="count"/> attempts, one a minute from <paramref name="first"/>.</summary>
    public static IEnumerable<LoginAttempt> EveryMinute(DateTime first, int count, LoginOutcome? outcome = LoginOutcome.Succeeded, string? handler = "EXTERNAL_REQUEST") =>
        Enumerable.Range(0, count).Select(i => Attempt(first.AddMinutes(i), outcome, handler));
}
