using System.Threading.Channels;
using IBeam.Engine.State;

namespace IBeam.Engine.Logging;

/// <summary>
/// Tells watchers that the database log has new rows: the writer reports the highest id of each
/// batch it committed, and each watcher gets the current id first, then each later one, from its
/// own channel (<see cref="WatchedValue{T}"/>, as <see cref="EngineState"/>). A channel holds only the
/// newest id, so the writer never waits for a slow watcher and a watcher that falls behind simply
/// catches up in one read (everything after the id it had).
/// </summary>
public sealed class LogFeed
{
    private static readonly BoundedChannelOptions OnlyTheNewest = new(1)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
        SingleWriter = false,
    };

    private readonly WatchedValue<long> _lastId = new(0, () => Channel.CreateBounded<long>(OnlyTheNewest));

    /// <summary>The highest id written since the process started (0 before the first batch).</summary>
    public long LastId => _lastId.Current;

    /// <summary>Watches in progress (tests watch it).</summary>
    internal int Watchers => _lastId.Watchers;

    /// <summary>Called by the writer after a batch is committed; never blocks. An id no higher than the last is not news.</summary>
    public void Written(long lastId) => _lastId.Update(current => Math.Max(current, lastId));

    /// <summary>
    /// The current last id, then the id after each batch, until <paramref name="cancellationToken"/> is
    /// cancelled. The first value comes at once, so a reader that loads on every value misses nothing
    /// written between its first load and the watch starting.
    /// </summary>
    public IAsyncEnumerable<long> WatchAsync(CancellationToken cancellationToken = default) => _lastId.WatchAsync(cancellationToken);
}
