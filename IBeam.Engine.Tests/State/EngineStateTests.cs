using IBeam.Engine.State;
using Microsoft.Extensions.Time.Testing;

namespace IBeam.Engine.Tests.State;

/// <summary>The published state: every watcher sees every change, in order, and no watcher can hold up the engine.</summary>
public sealed class EngineStateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_watcher_gets_the_current_snapshot_first_then_every_change_in_order()
    {
        var state = new EngineState(TimeProvider.System);
        state.Update(s => s with { Phase = EnginePhase.CheckingStatus });
        var current = state.Current;
        using var cancel = new CancellationTokenSource(Patience);
        await using var watch = state.WatchAsync(cancel.Token).GetAsyncEnumerator();

        Assert.Same(current, await NextAsync(watch));
        state.Update(s => s with { Phase = EnginePhase.LoggingIn });
        state.Update(s => s with { Phase = EnginePhase.AwaitingTwoFactor });
        state.Update(s => s with { Phase = EnginePhase.Authenticated });

        var seen = new[] { await NextAsync(watch), await NextAsync(watch), await NextAsync(watch) };
        Assert.Equal([EnginePhase.LoggingIn, EnginePhase.AwaitingTwoFactor, EnginePhase.Authenticated], seen.Select(s => s.Phase));
        Assert.Equal([current.Version + 1, current.Version + 2, current.Version + 3], seen.Select(s => s.Version));
        Assert.Same(state.Current, seen[^1]);
    }

    [Fact]
    public async Task Every_watcher_gets_every_change()
    {
        var state = new EngineState(TimeProvider.System);
        using var cancel = new CancellationTokenSource(Patience);
        var watches = Enumerable.Range(0, 3).Select(_ => state.WatchAsync(cancel.Token).GetAsyncEnumerator()).ToList();
        foreach (var watch in watches)
        {
            await NextAsync(watch); // registered
        }

        for (var i = 1; i <= 5; i++)
        {
            state.Update(s => s with { FailedSubmissions = s.FailedSubmissions + 1 });
        }

        foreach (var watch in watches)
        {
            var seen = new List<int>();
            for (var i = 0; i < 5; i++)
            {
                seen.Add((await NextAsync(watch)).FailedSubmissions);
            }

            Assert.Equal([1, 2, 3, 4, 5], seen);
            await watch.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_update_that_changes_nothing_wakes_nobody()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-05T09:00:00Z"));
        var state = new EngineState(clock);
        state.Update(s => s with { Phase = EnginePhase.Authenticated });
        var before = state.Current;
        using var cancel = new CancellationTokenSource(Patience);
        await using var watch = state.WatchAsync(cancel.Token).GetAsyncEnumerator();
        await NextAsync(watch);

        // Time passing is not a change either: a copy that differs only in its stamp is the same state.
        clock.Advance(TimeSpan.FromSeconds(5));
        var returned = state.Update(s => s with { Phase = EnginePhase.Authenticated });
        state.Update(s => s);

        Assert.Same(before, returned);
        Assert.Same(before, state.Current);
        state.Update(s => s with { Phase = EnginePhase.CheckingStatus });
        var next = await NextAsync(watch);
        Assert.Equal(EnginePhase.CheckingStatus, next.Phase); // nothing was queued before it
        Assert.Equal(before.Version + 1, next.Version);
    }

    [Fact]
    public void A_change_is_stamped_with_the_time_of_the_update()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-05T09:00:00Z"));
        var state = new EngineState(clock);
        clock.Advance(TimeSpan.FromMinutes(3));

        var changed = state.Update(s => s with { Active = true });

        Assert.Equal(DateTimeOffset.Parse("2026-01-05T09:03:00Z"), changed.UpdatedAt);
    }

    [Fact]
    public async Task Cancelling_a_watch_ends_it_and_unregisters_the_watcher()
    {
        var state = new EngineState(TimeProvider.System);
        using var cancel = new CancellationTokenSource();
        await using var watch = state.WatchAsync(cancel.Token).GetAsyncEnumerator();
        await NextAsync(watch);
        Assert.Equal(1, Watchers(state));

        var waiting = watch.MoveNextAsync().AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        Assert.Equal(0, Watchers(state));
        state.Update(s => s with { Phase = EnginePhase.LoggingIn }); // nobody left to hand it to
    }

    [Fact]
    public async Task A_watcher_that_stops_reading_early_is_unregistered()
    {
        var state = new EngineState(TimeProvider.System);

        await foreach (var snapshot in state.WatchAsync())
        {
            Assert.Equal(1, Watchers(state));
            break;
        }

        Assert.Equal(0, Watchers(state));
    }

    [Fact]
    public async Task A_slow_watcher_holds_up_neither_updates_nor_other_watchers()
    {
        const int changes = 20_000;
        var state = new EngineState(TimeProvider.System);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // The slow watcher takes the current snapshot and then reads nothing until the end.
        await using var slow = state.WatchAsync(cancel.Token).GetAsyncEnumerator();
        var first = await NextAsync(slow);
        var fastSeen = new List<long>();
        var fastRegistered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fast = Task.Run(async () =>
        {
            await foreach (var snapshot in state.WatchAsync(cancel.Token))
            {
                fastRegistered.TrySetResult();
                fastSeen.Add(snapshot.Version);
                if (snapshot.Version == first.Version + changes)
                {
                    return;
                }
            }
        });
        await fastRegistered.Task.WaitAsync(Patience);

        await Task.Run(() =>
        {
            for (var i = 0; i < changes; i++)
            {
                state.Update(s => s with { FailedSubmissions = s.FailedSubmissions + 1 });
            }
        }).WaitAsync(Patience);
        await fast.WaitAsync(Patience);

        Assert.Equal(first.Version + changes, fastSeen[^1]);
        Assert.Equal(fastSeen.Count - 1, fastSeen[^1] - fastSeen[0]); // no gaps
        for (var i = 1; i <= changes; i++)
        {
            Assert.Equal(first.Version + i, (await NextAsync(slow)).Version); // the slow one still gets all, in order
        }
    }

    [Fact]
    public async Task Concurrent_updates_lose_nothing_and_each_get_their_own_version()
    {
        var state = new EngineState(TimeProvider.System);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var watch = state.WatchAsync(cancel.Token).GetAsyncEnumerator();
        await NextAsync(watch);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                state.Update(s => s with { FailedSubmissions = s.FailedSubmissions + 1 });
            }
        }))).WaitAsync(Patience);

        Assert.Equal(8_000, state.Current.FailedSubmissions);
        Assert.Equal(8_000, state.Current.Version);
        for (var expected = 1; expected <= 8_000; expected++)
        {
            var snapshot = await NextAsync(watch);
            Assert.Equal(expected, snapshot.Version);
            Assert.Equal(expected, snapshot.FailedSubmissions);
        }
    }

    private static async Task<EngineSnapshot> NextAsync(IAsyncEnumerator<EngineSnapshot> watch)
    {
        Assert.True(await watch.MoveNextAsync().AsTask().WaitAsync(Patience), "the watch ended");
        return watch.Current;
    }

    /// <summary>How many watchers the state hands changes to (an unregistered watcher is otherwise invisible).</summary>
    private static int Watchers(EngineState state) => state.Watchers;
}
