namespace IBeam.Engine.Data.Queries;

/// <summary>
/// The SQL behind <see cref="LogQueries.SearchAsync"/>, in the two shapes that stay fast on a
/// million rows. Parameters: $from, $to (UTC ticks), $take, $skip, and $window or $match.
/// </summary>
internal static class LogSearchSql
{
    private const string Columns = """ "Id", "Timestamp", "Level", "Category", "Message", "Exception" """;

    /// <summary>
    /// Without words: newest first by time, one index walk per level merged at the end, so a level
    /// that is rare is found as fast as a common one (filtering one walk by level would read the
    /// whole table to find the few). A per-level walk reads at most $window = $skip + $take rows.
    /// </summary>
    public static string ByTime(IReadOnlyList<int>? levels, string? condition)
    {
        var walks = levels is null ? [Walk(null, condition)] : levels.Select(level => Walk(level, condition));
        return string.Join(" UNION ALL ", walks.Select(walk => $"SELECT * FROM ({walk})")) +
               """ ORDER BY "Timestamp" DESC, "Id" DESC LIMIT $take OFFSET $skip""";
    }

    /// <summary>
    /// With words: walks the full-text index from the newest match down (by id, the order events
    /// were written: the order of time but for events of the same instant). The level and day
    /// filters are also terms of $match, so the index skips what they exclude; the conditions on
    /// the row repeat them exactly.
    /// </summary>
    public static string ByText(IReadOnlyList<int>? levels) => $"""
        SELECT l."Id", l."Timestamp", l."Level", l."Category", l."Message", l."Exception"
        FROM "LogsSearch" AS s CROSS JOIN "Logs" AS l ON l."Id" = s.rowid
        WHERE "LogsSearch" MATCH $match AND l."Timestamp" >= $from AND l."Timestamp" < $to{LevelCondition("l.", levels)}
        ORDER BY s.rowid DESC LIMIT $take OFFSET $skip
        """;

    /// <summary>Text without words, looked for as typed in every row ($like: see <see cref="LogSearchText.ToLike"/>).</summary>
    public const string LikeCondition = """ AND ("Message" LIKE $like ESCAPE '\' OR "Exception" LIKE $like ESCAPE '\')""";

    /// <summary>Facet terms of the index (the LogSearch migration indexes "level{Level}" with each row).</summary>
    public static string LevelTerms(IReadOnlyList<int> levels) => "Facets : (" + string.Join(" OR ", levels.Select(l => $"level{l}")) + ")";

    /// <summary>Facet terms of the index (the LogSearch migration indexes "day{Timestamp / TicksPerDay}" with each row).</summary>
    public static string DayTerms(long firstDay, long lastDay)
    {
        var days = new List<string>();
        for (var day = firstDay; day <= lastDay; day++)
        {
            days.Add($"day{day}");
        }

        return "Facets : (" + string.Join(" OR ", days) + ")";
    }

    private static string Walk(int? level, string? condition) =>
        $"""SELECT {Columns} FROM "Logs" WHERE {(level is null ? "" : $"\"Level\" = {level} AND ")}"Timestamp" >= $from AND "Timestamp" < $to{condition} ORDER BY "Timestamp" DESC, "Id" DESC LIMIT $window""";

    private static string LevelCondition(string alias, IReadOnlyList<int>? levels) =>
        levels is null ? "" : $""" AND {alias}"Level" IN ({string.Join(", ", levels)})""";
}
