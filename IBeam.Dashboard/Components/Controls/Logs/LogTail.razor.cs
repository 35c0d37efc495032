using IBeam.Engine.Data.Entities;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.Logging;
using Microsoft.AspNetCore.Components;

namespace IBeam.Dashboard.Components.Controls.Logs;

/// <summary>
/// The live tail. The feed's first notification loads the newest events, each later one what was
/// written after the newest shown (so nothing written between the two is missed); the list is
/// capped. While paused, notifications only note that there is more, loaded on resuming.
/// </summary>
public sealed partial class LogTail : ComponentBase, IAsyncDisposable
{
    public const int MaxEntries = 500;

    private readonly CancellationTokenSource _stop = new();
    private readonly List<LogEntry> _entries = []; // newest first
    private readonly SemaphoreSlim _loading = new(1, 1); // a resume and a notification must not both load the same events
    private Task? _watch;
    private long _newestId;
    private long _writtenId;
    private bool _loaded;
    private bool _paused;
    private string? _error;

    [Inject]
    public required LogFeed Feed { get; init; }

    [Inject]
    public required LogQueries Queries { get; init; }

    protected override void OnInitialized() => _watch = WatchAsync(_stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_watch is not null)
        {
            await _watch;
        }

        _stop.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var writtenId in Feed.WatchAsync(cancellationToken))
            {
                _writtenId = writtenId;
                if (_paused)
                {
                    await InvokeAsync(StateHasChanged); // says that newer events wait
                }
                else if (!_loaded || writtenId > _newestId)
                {
                    await LoadNewerAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    private async Task SetPausedAsync(bool paused)
    {
        _paused = paused;
        if (!paused && _writtenId > _newestId)
        {
            await LoadNewerAsync(_stop.Token);
        }
    }

    /// <summary>Reads what was written after the newest shown, then changes the list on the renderer's dispatcher (rendering reads the list).</summary>
    private async Task LoadNewerAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<LogEntry> newer;
            string? error = null;
            try
            {
                newer = await Queries.LatestAsync(MaxEntries, _newestId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database busy or gone: say so, and try again at the next notification.
                newer = [];
                error = e.Message;
            }

            await InvokeAsync(() =>
            {
                Prepend(newer);
                _error = error;
                _loaded = true;
                StateHasChanged();
            });
        }
        finally
        {
            _loading.Release();
        }
    }

    private void Prepend(IReadOnlyList<LogEntry> newer)
    {
        if (newer.Count == 0)
        {
            return;
        }

        _entries.InsertRange(0, newer);
        if (_entries.Count > MaxEntries)
        {
            _entries.RemoveRange(MaxEntries, _entries.Count - MaxEntries);
        }

        _newestId = newer[0].Id;
    }
}
