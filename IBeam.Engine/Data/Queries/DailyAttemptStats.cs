using IBeam.Engine.Login;
using Microsoft.EntityFrameworkCore;

namespace IBeam.Engine.Data.Queries;

/// <summary>
/// Counts attempts per local day. SQLite sums them per quarter of an hour of UTC (every time zone's
/// offset, and every daylight-saving change, is a whole number of quarter hours, so each quarter lies
/// in one local day); the few thousand sums are then added up per local day here. That keeps the SQL
/// a plain range scan on (StartedAt) whatever the zone, and is right across daylight-saving changes.
/// </summary>
internal static class DailyAttemptStats
{
    private static readonly long QuarterHour = TimeSpan.FromMinutes(15).Ticks;

    public static async Task<IReadOnlyList<DailyAttempts>> ReadAsync(IBeamDbContext context, DateOnly from, DateOnly to, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            return [];
        }

        // Local days are at most 14 hours away from UTC days: a day either side covers them.
        var start = from.AddDays(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;
        var end = to.AddDays(2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;
        var succeeded = nameof(LoginOutcome.Succeeded);
        var quarters = await context.Database.SqlQuery<QuarterCounts>($"""
            SELECT "StartedAt" / {QuarterHour} AS "Quarter",
                   COUNT(*) AS "Attempts",
                   COUNT(CASE WHEN "Outcome" = {succeeded} THEN 1 END) AS "Successes",
                   COUNT(CASE WHEN "Outcome" <> {succeeded} THEN 1 END) AS "Failures"
            FROM "Attempts"
            WHERE "StartedAt" >= {start} AND "StartedAt" < {end}
            GROUP BY "Quarter"
            """).ToListAsync(cancellationToken);

        var days = new SortedDictionary<DateOnly, DailyAttempts>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            days[day] = new DailyAttempts(day, 0, 0, 0);
        }

        foreach (var quarter in quarters)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(quarter.Quarter * QuarterHour, DateTimeKind.Utc), zone);
            if (days.TryGetValue(DateOnly.FromDateTime(local), out var sum))
            {
                days[sum.Day] = sum with
                {
                    Attempts = sum.Attempts + quarter.Attempts,
                    Successes = sum.Successes + quarter.Successes,
                    Failures = sum.Failures + quarter.Failures,
                };
            }
        }

        return [.. days.Values];
    }

    private sealed record QuarterCounts(long Quarter, int Attempts, int Successes, int Failures);
}
