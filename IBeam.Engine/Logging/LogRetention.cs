using Microsoft.Data.Sqlite;

namespace IBeam.Engine.Logging;

/// <summary>
/// Keeps the Logs table within IBEAM_LOG_RETENTION_DAYS and IBEAM_LOG_MAX_ROWS. Runs at start, then
/// every <see cref="SqliteLogOptions.RetentionInterval"/> or after a tenth of the row cap was written,
/// never on every batch. Each run deletes at most one chunk by age and one by count, and stays due
/// while more remains, so a large backlog is worked off between batches instead of holding them up.
/// </summary>
internal sealed class LogRetention(SqliteLogOptions options)
{
    private readonly long _writesBetweenRuns = Math.Max(options.MaxRows / 10, 1);
    private DateTimeOffset _dueAt = DateTimeOffset.MinValue;
    private long _writtenSince;

    public void Count(int written) => _writtenSince += written;

    public bool IsDue(DateTimeOffset now) => now >= _dueAt || _writtenSince >= _writesBetweenRuns;

    /// <summary>Returns the number of rows deleted.</summary>
    public int Prune(SqliteConnection connection, DateTimeOffset now)
    {
        // Scheduled first: a run that fails waits for the next one rather than retrying at every idle moment.
        _dueAt = now + options.RetentionInterval;
        _writtenSince = 0;

        var byAge = DeleteOlderThan(connection, now.UtcDateTime.AddDays(-options.RetentionDays));
        var byCount = DeleteBeyondCap(connection);
        if (byAge == options.RetentionChunk || byCount == options.RetentionChunk)
        {
            _dueAt = now; // more remains: carry on after the next batch or idle moment
        }

        return byAge + byCount;
    }

    private int DeleteOlderThan(SqliteConnection connection, DateTime cutoff) => Execute(connection, """
        DELETE FROM "Logs" WHERE "Id" IN (
            SELECT "Id" FROM "Logs" WHERE "Timestamp" < $cutoff ORDER BY "Timestamp" LIMIT $chunk)
        """, ("$cutoff", cutoff.Ticks), ("$chunk", options.RetentionChunk));

    private int DeleteBeyondCap(SqliteConnection connection)
    {
        // The span of ids bounds the row count from above, cheaply (two index seeks); count only when it exceeds the cap.
        var span = Scalar(connection, """SELECT (SELECT MAX("Id") FROM "Logs") - (SELECT MIN("Id") FROM "Logs") + 1""");
        if (span <= options.MaxRows)
        {
            return 0;
        }

        var excess = Scalar(connection, """SELECT COUNT(*) FROM "Logs" """) - options.MaxRows;
        return excess <= 0 ? 0 : Execute(connection, """
            DELETE FROM "Logs" WHERE "Id" IN (SELECT "Id" FROM "Logs" ORDER BY "Id" LIMIT $chunk)
            """, ("$chunk", Math.Min(excess, options.RetentionChunk)));
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is long value ? value : 0;
    }

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }
}
