using IBeam.Engine.State;
using Microsoft.AspNetCore.Components;

namespace IBeam.Dashboard.Components.Pages;

/// <summary>
/// A page that shows the engine's live state: it renders the current snapshot, then each change
/// as the engine publishes it (a watch, never a timer), and stops watching when it closes.
/// </summary>
public abstract class LivePage : ComponentBase, IAsyncDisposable
{
    private SnapshotWatch? _watch;

    [Inject]
    public required EngineState Engine { get; init; }

    protected EngineSnapshot Snapshot { get; private set; } = new();

    public async ValueTask DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected override void OnInitialized()
    {
        Snapshot = Engine.Current;
        _watch = SnapshotWatch.Start(Engine, (snapshot, _) => InvokeAsync(async () =>
        {
            var previous = Snapshot;
            Snapshot = snapshot;
            await OnSnapshotAsync(previous, snapshot);
            StateHasChanged();
        }));
    }

    /// <summary>Called on the renderer's thread for each new snapshot, before the page renders it.</summary>
    protected virtual Task OnSnapshotAsync(EngineSnapshot previous, EngineSnapshot current) => Task.CompletedTask;
}
