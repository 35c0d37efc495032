using IBeam.Engine.Configuration;
using IBeam.Engine.Data;
using IBeam.Engine.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Login;

/// <summary>
/// Writes each login to the attempt history as it happens: a row when it starts, a step row at
/// each step, the outcome at the end. Writes are synchronous and small (SQLite in WAL mode): a
/// process that dies mid-login leaves exactly the steps it reached.
/// </summary>
public sealed class AttemptJournal(IDbContextFactory<IBeamDbContext> contexts, IOptionsMonitor<IBeamOptions> options, TimeProvider time)
{
    public Guid Start(LoginTrigger trigger)
    {
        var settings = options.CurrentValue;
        var attempt = new LoginAttempt
        {
            Id = Guid.NewGuid(),
            StartedAt = time.GetUtcNow().UtcDateTime,
            Trigger = trigger,
            Strategy = settings.Maintenance.Strategy.ToString(),
            Handler = settings.TwoFactor.Handler?.Trim().ToUpperInvariant(),
        };
        using var context = contexts.CreateDbContext();
        context.Attempts.Add(attempt);
        context.SaveChanges();
        return attempt.Id;
    }

    public void Step(Guid attemptId, LoginStep step, string? detail)
    {
        using var context = contexts.CreateDbContext();
        context.AttemptSteps.Add(new LoginAttemptStep { AttemptId = attemptId, Step = step, At = time.GetUtcNow().UtcDateTime, Detail = detail });
        context.SaveChanges();
    }

    public void CodeObtained(Guid attemptId, string source, string maskedCode)
    {
        using var context = contexts.CreateDbContext();
        context.Attempts.Where(a => a.Id == attemptId)
            .ExecuteUpdate(a => a.SetProperty(x => x.CodeSource, source).SetProperty(x => x.MaskedCode, maskedCode));
    }

    public void Finish(Guid attemptId, LoginResult result)
    {
        using var context = contexts.CreateDbContext();
        context.Attempts.Where(a => a.Id == attemptId)
            .ExecuteUpdate(a => a
                .SetProperty(x => x.EndedAt, time.GetUtcNow().UtcDateTime)
                .SetProperty(x => x.Outcome, result.Outcome)
                .SetProperty(x => x.Error, result.Error)
                .SetProperty(x => x.CountedAsFailure, result.CountedAsFailure)
                .SetProperty(x => x.Screenshot, result.Screenshot));
    }
}

/// <summary>Hands a login's progress to the attempt history as well as to the next receiver (the live state).</summary>
public sealed class JournalingProgress(AttemptJournal journal, Guid attemptId, ILoginProgress next) : ILoginProgress
{
    public Guid AttemptId => attemptId;

    public void Step(LoginStep step, string? detail = null)
    {
        journal.Step(attemptId, step, detail);
        next.Step(step, detail);
    }

    public void CodeObtained(string source, string maskedCode)
    {
        journal.CodeObtained(attemptId, source, maskedCode);
        Step(LoginStep.CodeObtained, $"{maskedCode} from {source}");
    }

    public void Awaiting(string handler, DateTimeOffset deadline, string? prompt, bool push) => next.Awaiting(handler, deadline, prompt, push);

    public void AwaitEnded() => next.AwaitEnded();
}
