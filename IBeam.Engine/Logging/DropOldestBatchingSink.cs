using System.Threading.Channels;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace IBeam.Engine.Logging;

/// <summary>
/// Queues log events and hands them in batches to a slower sink on a thread of its own, so logging
/// never waits for the database. Serilog's own batching drops the newest events when its queue is
/// full; this queue drops the oldest (the recent past says most about a problem still going on) and
/// the next batch starts with an event saying how many were dropped. A batch that keeps failing is
/// retried for <see cref="BatchingOptions.RetryTimeLimit"/>, then given up and its loss logged the same way.
/// </summary>
public sealed class DropOldestBatchingSink : ILogEventSink, IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly IBatchedLogEventSink _target;
    private readonly BatchingOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeSpan _flushTimeout;
    private readonly Channel<LogEvent> _queue;
    private readonly ManualResetEventSlim _stopping = new();
    private readonly Thread _pump;
    private Task<bool>? _waiting;
    private long _dropped;
    private long _lost;
    private string _lostReason = "";
    private Notices _inBatch;
    private int _failedBatches;
    private int _disposed;

    public DropOldestBatchingSink(IBatchedLogEventSink target, BatchingOptions options, TimeProvider? time = null, TimeSpan? flushTimeout = null)
    {
        _target = target;
        _options = options;
        _time = time ?? TimeProvider.System;
        _flushTimeout = flushTimeout ?? TimeSpan.FromSeconds(10);
        _queue = Channel.CreateBounded<LogEvent>(
            // Always bounded (Serilog reads a null limit as unbounded): memory must not grow while the database is away.
            new BoundedChannelOptions(options.QueueLimit ?? 100_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));

        // A thread of its own: SQLite calls block, and the engine's loop must not wait for a pool thread.
        _pump = new Thread(Pump) { IsBackground = true, Name = "IBeam database log" };
        _pump.Start();
    }

    /// <summary>Events waiting to be written (tests watch it).</summary>
    internal int Queued => _queue.Reader.Count;

    /// <summary>Batches given up after their retries (tests watch it).</summary>
    internal int FailedBatches => Volatile.Read(ref _failedBatches);

    /// <summary>Never blocks: a full queue makes room by dropping its oldest event.</summary>
    public void Emit(LogEvent logEvent) => _queue.Writer.TryWrite(logEvent);

    /// <summary>Writes what is queued (within the flush timeout), then closes the target.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _stopping.Set();
        if (_pump.Join(_flushTimeout))
        {
            (_target as IDisposable)?.Dispose();
        }
        else
        {
            // The target is still in use by the pump; the process is ending anyway.
            SelfLog.WriteLine("IBeam: the database log was not flushed within {0}; {1} events were not written", _flushTimeout, _queue.Reader.Count);
        }
    }

    private void Pump()
    {
        try
        {
            Run();
        }
        catch (Exception e)
        {
            // An exception on this thread would end the process; losing the database log is the lesser harm.
            SelfLog.WriteLine("IBeam: the database log stopped: {0}", e);
        }
    }

    private void Run()
    {
        var batch = new List<LogEvent>(_options.BatchSizeLimit + 2);
        while (true)
        {
            if (!_queue.Reader.TryPeek(out _))
            {
                var waited = WaitForEvents();
                if (waited is null)
                {
                    Idle();
                    continue;
                }

                if (waited == false)
                {
                    return; // completed and drained
                }

                if (!_options.EagerlyEmitFirstEvent)
                {
                    Pause(_options.BufferingTimeLimit);
                }
            }

            Fill(batch);
            Send(batch);
            if (batch.Count < _options.BatchSizeLimit)
            {
                // A partial batch means the queue kept up: gather for a while rather than write a transaction per event.
                Pause(_options.BufferingTimeLimit);
            }
        }
    }

    /// <summary>True when events are queued, false when the queue is completed and empty, null after the buffering time with nothing.</summary>
    private bool? WaitForEvents()
    {
        _waiting ??= _queue.Reader.WaitToReadAsync().AsTask();
        if (!_waiting.Wait(_options.BufferingTimeLimit))
        {
            return null;
        }

        var more = _waiting.Result;
        _waiting = null;
        return more;
    }

    private void Fill(List<LogEvent> batch)
    {
        batch.Clear();
        while (batch.Count < _options.BatchSizeLimit && _queue.Reader.TryRead(out var logEvent))
        {
            batch.Add(logEvent);
        }

        // The notices go first, dated like the oldest event that was kept: that is where the gap is.
        var at = batch.Count > 0 ? batch[0].Timestamp : _time.GetLocalNow();
        _inBatch = new Notices(Interlocked.Exchange(ref _dropped, 0), _lost, batch.Count);
        _lost = 0;
        if (_inBatch.Lost > 0)
        {
            batch.Insert(0, LogNotices.Lost(_inBatch.Lost, _lostReason, at));
        }

        if (_inBatch.Dropped > 0)
        {
            batch.Insert(0, LogNotices.Dropped(_inBatch.Dropped, at));
        }
    }

    private void Send(List<LogEvent> batch)
    {
        var started = _time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _target.EmitBatchAsync(batch).GetAwaiter().GetResult();
                return;
            }
            catch (Exception e)
            {
                SelfLog.WriteLine("IBeam: writing {0} log events to the database failed (attempt {1}): {2}", batch.Count, attempt, e);
                if (_stopping.IsSet || _time.GetElapsedTime(started) >= _options.RetryTimeLimit)
                {
                    // The notices it carried are owed again, with this batch's events added to the lost.
                    Interlocked.Add(ref _dropped, _inBatch.Dropped);
                    _lost += _inBatch.Lost + _inBatch.Events;
                    _lostReason = e.Message;
                    Interlocked.Increment(ref _failedBatches);
                    return;
                }

                Pause(Backoff(attempt));
            }
        }
    }

    private void Idle()
    {
        try
        {
            _target.OnEmptyBatchAsync().GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            SelfLog.WriteLine("IBeam: the database log's periodic work failed: {0}", e);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var wait = _options.BufferingTimeLimit * Math.Pow(2, Math.Min(attempt - 1, 10));
        return wait < MaxBackoff ? wait : MaxBackoff;
    }

    /// <summary>What a batch carries besides events: counts owed to the log.</summary>
    private readonly record struct Notices(long Dropped, long Lost, int Events);

    /// <summary>Waits, unless the sink is closing (then every moment counts towards the flush).</summary>
    private void Pause(TimeSpan duration) => _stopping.Wait(duration);
}
