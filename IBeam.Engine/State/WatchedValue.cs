using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace IBeam.Engine.State;

/// <summary>
/// A value that is replaced from time to time, and the watchers of each replacement. A watcher gets
/// the current value first, then each later one, from a channel of its own, so a slow watcher never
/// delays whoever replaces the value, nor the other watchers (Aspire's WatchAsync pattern). The
/// channel says what a watcher that falls behind gets: every value (unbounded) or only the newest.
/// </summary>
public sealed class WatchedValue<T>(T initial, Func<Channel<T>> newChannel)
{
    private readonly Lock _gate = new();
    private readonly List<Channel<T>> _watchers = [];
    private T _current = initial;

    public T Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Watches in progress (tests watch it).</summary>
    internal int Watchers
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>
    /// Replaces the value with what <paramref name="change"/> makes of it, under the lock, and hands
    /// the result to every watcher; a result equal to the current value wakes nobody.
    /// </summary>
    public T Update(Func<T, T> change)
    {
        lock (_gate)
        {
            var next = change(_current);
            if (EqualityComparer<T>.Default.Equals(next, _current))
            {
                return _current;
            }

            _current = next;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(next);
            }

            return next;
        }
    }

    /// <summary>The current value, then every later one, until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<T> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = newChannel();
        lock (_gate)
        {
            channel.Writer.TryWrite(_current);
            _watchers.Add(channel);
        }

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var value))
                {
                    yield return value;
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
