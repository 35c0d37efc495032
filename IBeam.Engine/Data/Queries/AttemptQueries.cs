using IBeam.Engine.Data.Entities;
using IBeam.Engine.Login;
using IBeam.Engine.TwoFactor;
using Microsoft.EntityFrameworkCore;

namespace IBeam.Engine.Data.Queries;

/// <summary>
/// The history's query pieces, written so that SQLite can answer them from the Attempts indexes:
/// (StartedAt), (Outcome, StartedAt) and (Handler, StartedAt). Every condition compares stored
/// values (UTC ticks, enum names), so none needs a function of a column.
/// </summary>
internal static class AttemptQueries
{
    public static IQueryable<LoginAttempt> Matching(this IQueryable<LoginAttempt> attempts, AttemptFilter filter)
    {
        if (filter.Outcomes is { Count: > 0 } outcomes)
        {
            var wanted = outcomes.Distinct().Select(o => (LoginOutcome?)o).ToList();
            attempts = attempts.Where(a => wanted.Contains(a.Outcome));
        }

        if (filter.From is { } from)
        {
            var start = from.UtcDateTime;
            attempts = attempts.Where(a => a.StartedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.UtcDateTime;
            attempts = attempts.Where(a => a.StartedAt < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Handler))
        {
            var handler = filter.Handler.Trim().ToUpperInvariant();
            attempts = attempts.Where(a => a.Handler == handler);
        }

        return attempts;
    }

    /// <summary>
    /// The matching attempts after <paramref name="after"/> (if any), newest first, from the
    /// <paramref name="skip"/>th on, at most <paramref name="take"/> of them.
    /// </summary>
    public static IQueryable<LoginAttempt> Newest(this IQueryable<LoginAttempt> attempts, AttemptFilter filter, AttemptCursor? after, int skip, int take)
    {
        var outcomes = filter.Outcomes?.Distinct().ToList() ?? [];
        if (outcomes.Count < 2)
        {
            return attempts.Matching(filter).After(after).NewestFirst().Skip(skip).Take(take);
        }

        // With several outcomes, SQLite reads every match from the (Outcome, StartedAt) index and sorts
        // them all: 12,000 rows for "every failure" in a history of 100,000, 100 ms. Read instead each
        // outcome's newest in index order, as far as the page reaches, and sort only those.
        var others = filter with { Outcomes = null };
        IQueryable<LoginAttempt>? union = null;
        foreach (var outcome in outcomes)
        {
            LoginOutcome? one = outcome;
            var newest = attempts.Matching(others).Where(a => a.Outcome == one).After(after).NewestFirst().Take(skip + take);
            union = union is null ? newest : union.Concat(newest);
        }

        return union!.NewestFirst().Skip(skip).Take(take);
    }

    /// <summary>Newest first; the id breaks ties so that pages never skip or repeat an attempt.</summary>
    private static IOrderedQueryable<LoginAttempt> NewestFirst(this IQueryable<LoginAttempt> attempts) =>
        attempts.OrderByDescending(a => a.StartedAt).ThenByDescending(a => a.Id);

    /// <summary>The attempts after <paramref name="cursor"/> in <see cref="NewestFirst"/> order.</summary>
    private static IQueryable<LoginAttempt> After(this IQueryable<LoginAttempt> attempts, AttemptCursor? cursor)
    {
        if (cursor is null)
        {
            return attempts;
        }

        var (at, id) = (cursor.StartedAt, cursor.Id);

        // The first term alone is a range SQLite can seek to in an index; the second settles equal times.
        return attempts.Where(a => a.StartedAt <= at && (a.StartedAt < at || a.Id.CompareTo(id) < 0));
    }

    /// <summary>Reads the attempts of <paramref name="page"/> (already ordered and limited), then their steps in one more query.</summary>
    public static async Task<List<AttemptView>> ReadWithStepsAsync(this IQueryable<LoginAttempt> page, IBeamDbContext context, CancellationToken cancellationToken)
    {
        var attempts = await page
            .Select(a => new AttemptView(
                a.Id, a.StartedAt, a.EndedAt, a.Trigger, a.Strategy, a.Handler, a.Outcome, a.CountedAsFailure,
                a.CodeSource, a.MaskedCode, a.Error, a.Screenshot, Array.Empty<AttemptStepView>()))
            .ToListAsync(cancellationToken);
        if (attempts.Count == 0)
        {
            return attempts;
        }

        var ids = attempts.Select(a => a.Id).ToList();
        var steps = (await context.AttemptSteps
                .Where(s => ids.Contains(s.AttemptId))
                .OrderBy(s => s.AttemptId).ThenBy(s => s.At).ThenBy(s => s.Id) // the order of the (AttemptId, At) index: no sort
                .Select(s => new { s.AttemptId, s.Step, s.At, s.Detail })
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.AttemptId, s => new AttemptStepView(s.Step, s.At, s.Detail));

        // Masking again costs nothing (it is idempotent) and keeps a whole code out of the dashboard
        // and its exports even if one ever reached the store.
        return attempts
            .Select(a => a with { MaskedCode = a.MaskedCode is null ? null : TwoFactorCode.Mask(a.MaskedCode), Steps = steps[a.Id].ToList() })
            .ToList();
    }
}
