using IBeam.Engine.Data;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;

namespace IBeam.Engine.Logging;

public static class DatabaseLogSinkExtensions
{
    /// <summary>
    /// IBeam's queue in front of the database: batches of up to 1,000 events, written at most every
    /// half second unless a batch fills first (so the dashboard's live tail lags by about that much),
    /// 50,000 events held while the database is busy, and a failing batch retried for a minute.
    /// </summary>
    public static BatchingOptions DefaultBatching() => new()
    {
        BatchSizeLimit = 1_000,
        BufferingTimeLimit = TimeSpan.FromMilliseconds(500),
        QueueLimit = 50_000,
        RetryTimeLimit = TimeSpan.FromMinutes(1),
        EagerlyEmitFirstEvent = true,
    };

    /// <summary>
    /// Writes events to the Logs table of IBeam's database (prepared by the start-up step beforehand);
    /// <paramref name="feed"/>, when given, hears of each batch written (the dashboard's live tail).
    /// </summary>
    public static LoggerConfiguration IBeamDatabase(
        this LoggerSinkConfiguration writeTo,
        DatabaseLocation location,
        SqliteLogOptions options,
        BatchingOptions? batching = null,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum,
        LogFeed? feed = null) =>
        writeTo.Sink(new DropOldestBatchingSink(new SqliteLogWriter(location, options, feed), batching ?? DefaultBatching(), options.Time), restrictedToMinimumLevel);
}
