using System.Threading.Channels;

namespace IBeam.Engine.State;

/// <summary>
/// Holds the current <see cref="EngineSnapshot"/> and hands every change to every watcher.
/// A watcher gets the current snapshot first, then each later one, from its own channel, so a
/// slow watcher never delays the engine or the other watchers (<see cref="WatchedValue{T}"/>).
/// </summary>
public sealed class EngineState(TimeProvider time)
{
    private readonly WatchedValue<EngineSnapshot> _snapshot = new(
        new EngineSnapshot { UpdatedAt = time.GetUtcNow() },
        // Every snapshot reaches every watcher: each one is a step a page may show.
        () => Channel.CreateUnbounded<EngineSnapshot>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false }));

    public EngineSnapshot Current => _snapshot.Current;

    /// <summary>Watches in progress (tests watch it).</summary>
    internal int Watchers => _snapshot.Watchers;

    /// <summary>Applies <paramref name="change"/> to the current snapshot and publishes the result.</summary>
    public EngineSnapshot Update(Func<EngineSnapshot, EngineSnapshot> change) => _snapshot.Update(current =>
    {
        var next = change(current) with { Version = current.Version, UpdatedAt = current.UpdatedAt };
        // Nothing changed: the current snapshot stays, and watchers are not woken for nothing.
        return next == current ? current : next with { Version = current.Version + 1, UpdatedAt = time.GetUtcNow() };
    });

    /// <summary>The current snapshot, then every change, until <paramref name="cancellationToken"/> is cancelled.</summary>
    public IAsyncEnumerable<EngineSnapshot> WatchAsync(CancellationToken cancellationToken = default) => _snapshot.WatchAsync(cancellationToken);
}
