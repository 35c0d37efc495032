using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace IBeam.Engine.State;

/// <summary>
/// Holds the current <see cref="EngineSnapshot"/> and hands every change to every watcher.
/// A watcher gets the current snapshot first, then each later one, from its own channel, so a
/// slow watcher never delays the engine or the other watchers (Aspire's WatchAsync pattern).
/// </summary>
public sealed class EngineState(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<Channel<EngineSnapshot>> _watchers = [];
    private EngineSnapshot _current = new() { UpdatedAt = time.GetUtcNow() };

    public EngineSnapshot Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Applies <paramref name="change"/> to the current snapshot and publishes the result.</summary>
    public EngineSnapshot Update(Func<EngineSnapshot, EngineSnapshot> change)
    {
        lock (_gate)
        {
            var next = change(_current) with { Version = _current.Version + 1, UpdatedAt = time.GetUtcNow() };
            if (next with { Version = _current.Version, UpdatedAt = _current.UpdatedAt } == _current)
            {
                return _current; // nothing changed: watchers are not woken for nothing
            }

            _current = next;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(next);
            }

            return next;
        }
    }

    /// <summary>The current snapshot, then every change, until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<EngineSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<EngineSnapshot>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        lock (_gate)
        {
            channel.Writer.TryWrite(_current);
            _watchers.Add(channel);
        }

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var snapshot))
                {
                    yield return snapshot;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }
}
