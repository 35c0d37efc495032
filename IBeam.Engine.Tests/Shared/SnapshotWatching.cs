using System.Collections.Concurrent;
using IBeam.Engine.State;

namespace IBeam.Engine.Tests.Shared;

/// <summary>Waiting for the engine's published state instead of sleeping.</summary>
public static class SnapshotWaits
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The first snapshot (the current one included) that meets <paramref name="condition"/>.</summary>
    public static async Task<EngineSnapshot> WaitForAsync(this EngineState state, Func<EngineSnapshot, bool> condition, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await foreach (var snapshot in state.WatchAsync(cancel.Token))
            {
                if (condition(snapshot))
                {
                    return snapshot;
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Timed out: reported below with the last snapshot.
        }

        throw new TimeoutException($"No snapshot met the condition within {(timeout ?? DefaultTimeout).TotalSeconds} s; the last was {state.Current}.");
    }
}

/// <summary>Records every snapshot the engine publishes from its start, so a test can read the phases a pass went through.</summary>
public sealed class SnapshotRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<EngineSnapshot> _seen = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly EngineState _state;
    private Task _watching = Task.CompletedTask;

    private SnapshotRecorder(EngineState state) => _state = state;

    /// <summary>Starts watching; returns once the watch is registered (the current snapshot has arrived).</summary>
    public static async Task<SnapshotRecorder> StartAsync(EngineState state)
    {
        var recorder = new SnapshotRecorder(state);
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        recorder._watching = recorder.WatchAsync(registered);
        await registered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return recorder;
    }

    /// <summary>Every snapshot from the start up to the one current now.</summary>
    public async Task<IReadOnlyList<EngineSnapshot>> SnapshotsAsync()
    {
        var version = _state.Current.Version;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (_seen.LastOrDefault() is not { } last || last.Version < version)
        {
            // The watcher reads on its own; it is behind by at most a few hand-overs.
            await Task.Delay(10, timeout.Token);
        }

        return [.. _seen];
    }

    /// <summary>The phases in the order they were published, repeats collapsed.</summary>
    public async Task<IReadOnlyList<EnginePhase>> PhasesAsync()
    {
        var phases = new List<EnginePhase>();
        foreach (var snapshot in await SnapshotsAsync())
        {
            if (phases.Count == 0 || phases[^1] != snapshot.Phase)
            {
                phases.Add(snapshot.Phase);
            }
        }

        return phases;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }

    private async Task WatchAsync(TaskCompletionSource registered)
    {
        try
        {
            await foreach (var snapshot in _state.WatchAsync(_stop.Token))
            {
                _seen.Enqueue(snapshot);
                registered.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }
}

/// <summary>Assertions on sequences the tests read.</summary>
public static class Sequences
{
    /// <summary>Each of <paramref name="expected"/> occurs in <paramref name="actual"/>, in this order (other items may come between).</summary>
    public static void AssertInOrder<T>(IReadOnlyList<T> actual, params T[] expected)
    {
        var from = 0;
        foreach (var item in expected)
        {
            var at = actual.Skip(from).ToList().IndexOf(item);
            Assert.True(at >= 0, $"Expected {item} after position {from} in [{string.Join(", ", actual)}].");
            from += at + 1;
        }
    }

    /// <summary>The index of the first log line containing <paramref name="text"/>, failing when there is none.</summary>
    public static int LineOf(IReadOnlyList<string> lines, string text, int from = 0)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (lines[i].Contains(text, StringComparison.Ordinal))
            {
                return i;
            }
        }

        Assert.Fail($"No log line from {from} on contains \"{text}\".");
        return -1;
    }
}
