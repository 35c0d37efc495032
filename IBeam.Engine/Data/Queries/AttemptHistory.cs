using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace IBeam.Engine.Data.Queries;

/// <summary>
/// The login history as the dashboard reads it: pages of attempts with their steps, daily success
/// figures, and a CSV export. Each call makes its own short-lived context, so the service is a
/// singleton and safe to call from several circuits at once.
/// </summary>
public sealed class AttemptHistory(IDbContextFactory<IBeamDbContext> contexts)
{
    private const int ExportChunk = 500;

    /// <summary>A page of the attempts that match <paramref name="filter"/>, newest first, and how many match in all.</summary>
    public async Task<AttemptPage> PageAsync(AttemptFilter filter, AttemptPaging paging, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);

        // A COUNT over the same conditions; it reads only the index that the filter uses (see the benchmark's plans).
        var total = await context.Attempts.AsNoTracking().Matching(filter).CountAsync(cancellationToken);
        if (total == 0)
        {
            return AttemptPage.Empty;
        }

        // One more than a page says whether another page follows without a second query.
        var attempts = await context.Attempts.AsNoTracking()
            .Newest(filter, paging.After, paging.Index * paging.Size, paging.Size + 1)
            .ReadWithStepsAsync(context, cancellationToken);
        var more = attempts.Count > paging.Size;
        if (more)
        {
            attempts.RemoveAt(attempts.Count - 1);
        }

        return new AttemptPage(attempts, total, more ? attempts[^1].Cursor : null);
    }

    /// <summary>
    /// Attempts, successes and failures for each day from <paramref name="from"/> to <paramref name="to"/>
    /// (both included, days without attempts too), the days being those of <paramref name="zone"/> (UTC if null).
    /// </summary>
    public async Task<IReadOnlyList<DailyAttempts>> DailyStatsAsync(DateOnly from, DateOnly to, TimeZoneInfo? zone = null, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await DailyAttemptStats.ReadAsync(context, from, to, zone ?? TimeZoneInfo.Utc, cancellationToken);
    }

    /// <summary>
    /// Writes every attempt that matches <paramref name="filter"/> to <paramref name="output"/> as CSV (UTF-8,
    /// RFC 4180), newest first, one row per attempt. Streams: attempts are read and written a chunk at a time.
    /// </summary>
    public async Task ExportCsvAsync(AttemptFilter filter, Stream output, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await AttemptCsv.WriteAsync(Chunks(context, filter, cancellationToken), output, cancellationToken);
    }

    /// <summary>The matching attempts a chunk at a time, each chunk continuing after the last (keyset, so every chunk is as cheap as the first).</summary>
    private static async IAsyncEnumerable<AttemptView> Chunks(IBeamDbContext context, AttemptFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        AttemptCursor? last = null;
        while (true)
        {
            var chunk = await context.Attempts.AsNoTracking()
                .Newest(filter, last, 0, ExportChunk)
                .ReadWithStepsAsync(context, cancellationToken);
            foreach (var attempt in chunk)
            {
                yield return attempt;
            }

            if (chunk.Count < ExportChunk)
            {
                yield break;
            }

            last = chunk[^1].Cursor;
        }
    }
}
