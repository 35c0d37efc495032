using IBeam.Engine.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Serilog.Events;

namespace IBeam.Engine.Data.Queries;

/// <summary>The stored log, as the dashboard reads it: a paged search, and the latest events for a live tail.</summary>
public sealed class LogQueries(IDbContextFactory<IBeamDbContext> contexts)
{
    public const int MaxPageSize = 500;

    /// <summary>Beyond this many days, day terms would make the index merge more than they spare it.</summary>
    private const int MostDayTerms = 31;

    public async Task<LogPage> SearchAsync(LogQuery query, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(query.Page, 0);
        var levels = Levels(query);
        if (levels?.Count == 0)
        {
            return new LogPage([], page, size, HasMore: false);
        }

        var skip = (long)page * size;
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var parameters = new List<SqliteParameter>
        {
            new("$from", query.From?.ToUniversalTime().Ticks ?? long.MinValue),
            new("$to", query.To?.ToUniversalTime().Ticks ?? long.MaxValue),
            new("$take", size + 1), // one more than the page says whether there is a next one
            new("$skip", skip),
        };

        string sql;
        var match = LogSearchText.ToMatch(query.Text);
        if (match is not null)
        {
            sql = LogSearchSql.ByText(levels);
            var dayTerms = await DayTermsAsync(context, query, cancellationToken);
            match += (levels is null ? "" : " AND " + LogSearchSql.LevelTerms(levels)) + (dayTerms is null ? "" : " AND " + dayTerms);
            parameters.Add(new("$match", match));
        }
        else
        {
            // Only punctuation to look for (the index keeps words): a plain scan, slower but exact.
            var like = LogSearchText.ToLike(query.Text);
            sql = LogSearchSql.ByTime(levels, like is null ? null : LogSearchSql.LikeCondition);
            parameters.Add(new("$window", skip + size + 1));
            if (like is not null)
            {
                parameters.Add(new("$like", like));
            }
        }

        var rows = await context.Logs.FromSqlRaw(sql, [.. parameters]).AsNoTracking().ToListAsync(cancellationToken);
        return new LogPage(rows.Take(size).ToList(), page, size, HasMore: rows.Count > size);
    }

    /// <summary>The newest events (newest first); after an id, only those written since, for a live tail that polls.</summary>
    public async Task<IReadOnlyList<LogEntry>> LatestAsync(int count, long afterId = 0, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Logs.AsNoTracking()
            .Where(l => l.Id > afterId)
            .OrderByDescending(l => l.Id)
            .Take(Math.Clamp(count, 1, MaxPageSize))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Null: every level.</summary>
    private static IReadOnlyList<int>? Levels(LogQuery query)
    {
        if (query.Levels is null && query.MinLevel <= LogEventLevel.Verbose)
        {
            return null;
        }

        return Enum.GetValues<LogEventLevel>()
            .Where(level => level >= query.MinLevel && (query.Levels is null || query.Levels.Contains(level)))
            .Select(level => (int)level)
            .ToList();
    }

    /// <summary>
    /// A range that ends before the newest event would have the text search walk every newer match
    /// first; naming the range's days lets the index skip them. Needed only then, and only for a
    /// few days.
    /// </summary>
    private static async Task<string?> DayTermsAsync(IBeamDbContext context, LogQuery query, CancellationToken cancellationToken)
    {
        if (query.To is not { } to)
        {
            return null;
        }

        var newest = await TimestampAsync(context, Newest, cancellationToken);
        var end = to.ToUniversalTime().Ticks;
        if (newest is null || end > newest)
        {
            return null;
        }

        var start = query.From?.ToUniversalTime().Ticks ?? await TimestampAsync(context, Oldest, cancellationToken) ?? end;
        var (firstDay, lastDay) = (start / TimeSpan.TicksPerDay, (end - 1) / TimeSpan.TicksPerDay);
        return firstDay <= lastDay && lastDay - firstDay < MostDayTerms ? LogSearchSql.DayTerms(firstDay, lastDay) : null;
    }

    // A lone MIN or MAX is one seek of the Timestamp index.
    private const string Newest = """SELECT MAX("Timestamp") AS "Value" FROM "Logs" """;
    private const string Oldest = """SELECT MIN("Timestamp") AS "Value" FROM "Logs" """;

    private static async Task<long?> TimestampAsync(IBeamDbContext context, string sql, CancellationToken cancellationToken)
    {
        var values = await context.Database.SqlQueryRaw<long?>(sql).ToListAsync(cancellationToken);
        return values.FirstOrDefault();
    }
}
