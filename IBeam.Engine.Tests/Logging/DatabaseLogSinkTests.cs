using IBeam.Engine.Logging;
using IBeam.Engine.Tests.Shared;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace IBeam.Engine.Tests.Logging;

/// <summary>The database log: what it stores, and that neither a full queue nor a broken database reaches the code that logs.</summary>
public sealed class DatabaseLogSinkTests : IDisposable
{
    private static BatchingOptions Quick => Batching(queueLimit: 1_000);

    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Events_logged_through_Serilog_arrive_in_the_Logs_table_when_the_logger_closes()
    {
        var before = DateTime.UtcNow;
        using (var log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.IBeamDatabase(_database.Location, new SqliteLogOptions(), Quick).CreateLogger())
        {
            log.ForContext("SourceContext", "IBeam.Engine.Gateway.GatewayClient").Warning("Gateway refused {Route} with HTTP {StatusCode}", "/v1/api/tickle", 401);
            log.Error(new InvalidOperationException("the page changed"), "Login failed at {Step}", "2FA");
        }

        var rows = _database.Logs();
        Assert.Equal(2, rows.Count);
        Assert.Equal((int)LogEventLevel.Warning, rows[0].Level);
        Assert.Equal("IBeam.Engine.Gateway.GatewayClient", rows[0].Category);
        Assert.Equal("Gateway refused /v1/api/tickle with HTTP 401", rows[0].Message); // strings as typed, not quoted
        Assert.Null(rows[0].Exception);
        Assert.Equal(DateTimeKind.Utc, rows[0].Timestamp.Kind);
        Assert.InRange(rows[0].Timestamp, before, DateTime.UtcNow);
        Assert.Equal((int)LogEventLevel.Error, rows[1].Level);
        Assert.Null(rows[1].Category);
        Assert.Equal("Login failed at 2FA", rows[1].Message);
        Assert.Contains("System.InvalidOperationException: the page changed", rows[1].Exception);
    }

    [Fact]
    public void Enums_and_booleans_are_stored_as_the_console_shows_them_not_as_json()
    {
        using (var log = new LoggerConfiguration().WriteTo.IBeamDatabase(_database.Location, new SqliteLogOptions(), Quick).CreateLogger())
        {
            log.Information("Login finished: {Outcome}; session initialised: {Initialised}", IBeam.Engine.Login.LoginOutcome.Succeeded, true);
        }

        Assert.Equal("Login finished: Succeeded; session initialised: True", _database.Logs().Single().Message);
    }

    [Fact]
    public void When_the_queue_is_full_the_oldest_events_are_dropped_and_an_event_says_how_many()
    {
        var held = new HeldTarget(new SqliteLogWriter(_database.Location, new SqliteLogOptions()));
        using (var log = new LoggerConfiguration().WriteTo.Sink(new DropOldestBatchingSink(held, Batching(queueLimit: 10))).CreateLogger())
        {
            log.Information("Event {Number}", 0);
            held.Entered.Wait(TimeSpan.FromSeconds(20)); // the database is busy with event 0
            for (var number = 1; number <= 15; number++)
            {
                log.Information("Event {Number}", number); // never waits: 11 to 15 push out 1 to 5
            }

            held.Release.Set();
        }

        var messages = _database.Logs().Select(l => l.Message).ToList();
        Assert.Equal(
            ["Event 0", "The database log fell behind: 5 older events were dropped from its full queue", .. Enumerable.Range(6, 10).Select(n => $"Event {n}")],
            messages);
        var notice = _database.Logs()[1];
        Assert.Equal((int)LogEventLevel.Warning, notice.Level);
        Assert.Equal("IBeam.Logging", notice.Category);
    }

    [Fact]
    public async Task A_locked_database_costs_a_batch_not_an_exception_and_the_loss_is_logged_once_it_can_be()
    {
        var sink = new DropOldestBatchingSink(new SqliteLogWriter(_database.Location, new SqliteLogOptions { BusyTimeoutSeconds = 1 }), Quick);
        using (var log = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger())
        {
            using (_database.HoldWriteLock())
            {
                log.Information("Written while another process held the database");
                await Eventually.HoldsAsync(() => sink.FailedBatches == 1, "the batch is given up");
            }

            log.Information("Written after the lock was released");
        }

        var messages = _database.Logs().Select(l => l.Message).ToList();
        Assert.Equal(2, messages.Count);
        Assert.StartsWith("1 log events could not be written to the database: SQLite Error 5", messages[0]);
        Assert.Equal("Written after the lock was released", messages[1]);
    }

    [Fact]
    public void A_database_deleted_before_the_first_write_costs_events_not_an_exception_and_is_not_recreated()
    {
        DeleteDatabaseFiles();

        using (var log = new LoggerConfiguration().WriteTo.IBeamDatabase(_database.Location, new SqliteLogOptions(), Quick).CreateLogger())
        {
            log.Information("Nowhere to go");
        }

        Assert.False(File.Exists(_database.Location.DatabasePath));
    }

    [Fact]
    public async Task A_database_deleted_while_in_use_costs_events_not_an_exception()
    {
        var sink = new DropOldestBatchingSink(new SqliteLogWriter(_database.Location, new SqliteLogOptions()), Quick);
        using var log = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
        log.Information("Before");
        await Eventually.HoldsAsync(() => _database.Logs().Count == 1, "the first event is written");

        Directory.Delete(_database.Folder, recursive: true);
        for (var i = 0; i < 50; i++)
        {
            log.Information("After {Number}", i);
        }

        log.Dispose(); // must not throw
        Assert.Equal(0, sink.Queued);
    }

    /// <summary>Short waits, and a failed batch given up at once.</summary>
    private static BatchingOptions Batching(int queueLimit) => new()
    {
        BatchSizeLimit = 100,
        BufferingTimeLimit = TimeSpan.FromMilliseconds(20),
        QueueLimit = queueLimit,
        RetryTimeLimit = TimeSpan.Zero,
    };

    private void DeleteDatabaseFiles()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_database.Location.DatabasePath + suffix);
        }
    }

    /// <summary>A database busy with the first batch until released; then the real writer.</summary>
    private sealed class HeldTarget(SqliteLogWriter writer) : IBatchedLogEventSink, IDisposable
    {
        private int _batches;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
        {
            if (Interlocked.Increment(ref _batches) == 1)
            {
                Entered.Set();
                Release.Wait(TimeSpan.FromSeconds(20));
            }

            return writer.EmitBatchAsync(batch);
        }

        public void Dispose() => writer.Dispose();
    }
}
