using IBeam.Engine.Data.Entities;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.Logging;
using IBeam.Engine.Tests.Shared;
using Microsoft.Extensions.Time.Testing;
using Serilog.Events;
using Serilog.Parsing;

namespace IBeam.Engine.Tests.Logging;

/// <summary>The log keeps IBEAM_LOG_RETENTION_DAYS of history and at most IBEAM_LOG_MAX_ROWS rows, pruning now and then, not on every batch.</summary>
public sealed class LogRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-06-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(Now);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Events_older_than_the_retention_days_are_deleted_from_the_table_and_the_search_index()
    {
        _database.Add(Entry("forty days old", Now.AddDays(-40)), Entry("thirty-one days old", Now.AddDays(-31)),
            Entry("twenty-nine days old", Now.AddDays(-29)), Entry("an hour old", Now.AddHours(-1)));
        using var writer = new SqliteLogWriter(_database.Location, new SqliteLogOptions { RetentionDays = 30, Time = _clock });

        await writer.OnEmptyBatchAsync(); // retention runs at start

        Assert.Equal(["twenty-nine days old", "an hour old"], _database.Logs().Select(l => l.Message));
        var found = await new LogQueries(_database.Contexts).SearchAsync(new LogQuery { Text = "days old" });
        Assert.Equal(["twenty-nine days old"], found.Entries.Select(l => l.Message));
        _database.CheckSearchIndex();
    }

    [Fact]
    public async Task Beyond_the_row_cap_the_oldest_rows_go_a_chunk_at_a_time()
    {
        _database.Add(Enumerable.Range(1, 200).Select(n => Entry($"Event {n}", Now)));
        using var writer = new SqliteLogWriter(_database.Location, new SqliteLogOptions { MaxRows = 100, RetentionChunk = 30, Time = _clock });

        await writer.OnEmptyBatchAsync();
        Assert.Equal(170, _database.Logs().Count); // one chunk; the rest waits for the next idle moment or batch
        for (var run = 0; run < 5; run++)
        {
            await writer.OnEmptyBatchAsync();
        }

        Assert.Equal(Enumerable.Range(101, 100).Select(n => $"Event {n}"), _database.Logs().Select(l => l.Message));
        _database.CheckSearchIndex();
    }

    [Fact]
    public async Task The_row_cap_holds_while_batches_arrive()
    {
        using var writer = new SqliteLogWriter(_database.Location, new SqliteLogOptions { MaxRows = 100, Time = _clock });
        for (var batch = 0; batch < 5; batch++)
        {
            // Writing a tenth of the cap makes retention due again, whatever the clock says.
            await writer.EmitBatchAsync(Enumerable.Range(batch * 50, 50).Select(n => Event($"Event {n}")).ToList());
        }

        Assert.Equal(Enumerable.Range(150, 100).Select(n => $"Event {n}"), _database.Logs().Select(l => l.Message));
    }

    [Fact]
    public async Task Retention_waits_for_its_interval_between_runs()
    {
        using var writer = new SqliteLogWriter(_database.Location, new SqliteLogOptions { RetentionDays = 30, RetentionInterval = TimeSpan.FromMinutes(10), Time = _clock });
        await writer.OnEmptyBatchAsync();

        _database.Add(Entry("too old", Now.AddDays(-31)));
        await writer.OnEmptyBatchAsync();
        Assert.Single(_database.Logs());

        _clock.Advance(TimeSpan.FromMinutes(10));
        await writer.OnEmptyBatchAsync();
        Assert.Empty(_database.Logs());
    }

    private static LogEntry Entry(string message, DateTimeOffset at) =>
        new() { Message = message, Timestamp = at.UtcDateTime, Level = (int)LogEventLevel.Information };

    private LogEvent Event(string text) =>
        new(_clock.GetUtcNow(), LogEventLevel.Information, null, new MessageTemplateParser().Parse(text), []);
}
