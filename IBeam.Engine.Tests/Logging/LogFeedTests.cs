using IBeam.Engine.Logging;
using IBeam.Engine.Tests.Shared;
using Serilog;
using Serilog.Configuration;

namespace IBeam.Engine.Tests.Logging;

/// <summary>The feed behind the dashboard's live tail: the database log announces each batch it committed, and no watcher can hold it up.</summary>
public sealed class LogFeedTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TempDatabase _database = new();
    private readonly LogFeed _feed = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_batch_written_to_the_database_is_announced_with_its_highest_id_once_it_can_be_read()
    {
        using var cancel = new CancellationTokenSource(Patience);
        await using var watch = _feed.WatchAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(0, watch.Current); // the current id comes first: nothing written yet

        using var log = Logger(batchSize: 100);
        log.Information("Gateway answers: {Label}", "authenticated");

        Assert.True(await watch.MoveNextAsync());
        var row = Assert.Single(_database.Logs()); // committed before it was announced
        Assert.Equal(row.Id, watch.Current);
        Assert.Equal("Gateway answers: authenticated", row.Message);
        Assert.Equal(row.Id, _feed.LastId);
    }

    [Fact]
    public async Task A_watcher_that_never_reads_does_not_hold_up_the_writer_and_then_gets_only_the_newest_id()
    {
        using var cancel = new CancellationTokenSource(Patience);
        await using var stalled = _feed.WatchAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await stalled.MoveNextAsync()); // registered; from here on it reads nothing

        using (var log = Logger(batchSize: 10))
        {
            for (var number = 1; number <= 500; number++)
            {
                log.Information("Event {Number}", number);
            }
        } // disposal flushes: every batch is written while the watcher sleeps

        var rows = _database.Logs();
        Assert.Equal(500, rows.Count);
        Assert.True(await stalled.MoveNextAsync());
        Assert.Equal(rows[^1].Id, stalled.Current); // the batches in between were folded into the newest
        await AssertNothingWaitingAsync(stalled, cancel); // and nothing else was waiting for it
    }

    [Fact]
    public async Task Every_watcher_hears_of_a_write_and_an_id_no_higher_than_the_last_is_not_news()
    {
        using var cancel = new CancellationTokenSource(Patience);
        await using var first = _feed.WatchAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        await using var second = _feed.WatchAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await first.MoveNextAsync());
        Assert.True(await second.MoveNextAsync());

        _feed.Written(7);
        _feed.Written(5);

        Assert.True(await first.MoveNextAsync());
        Assert.True(await second.MoveNextAsync());
        Assert.Equal((7, 7), (first.Current, second.Current));
        Assert.Equal(7, _feed.LastId);
        await AssertNothingWaitingAsync(first, cancel);
    }

    /// <summary>No value is ready; the watch then ends by cancellation (so it can be disposed).</summary>
    private static async Task AssertNothingWaitingAsync(IAsyncEnumerator<long> watch, CancellationTokenSource cancel)
    {
        var next = watch.MoveNextAsync();
        Assert.False(next.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await next);
    }

    private Serilog.Core.Logger Logger(int batchSize) => new LoggerConfiguration()
        .WriteTo.IBeamDatabase(_database.Location, new SqliteLogOptions(), new BatchingOptions
        {
            BatchSizeLimit = batchSize,
            BufferingTimeLimit = TimeSpan.FromMilliseconds(20),
            QueueLimit = 10_000,
            EagerlyEmitFirstEvent = true,
        }, feed: _feed)
        .CreateLogger();
}
