using IBeam.Engine.State;

namespace IBeam.Dashboard.Components;

/// <summary>
/// A component's watch of the engine's snapshots: started with the component, handed each snapshot
/// (the current one first), cancelled and awaited when the component goes. Pages that follow the
/// engine hold one instead of repeating the token, the task and the disposal.
/// </summary>
public sealed class SnapshotWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private SnapshotWatch(EngineState engine, Func<EngineSnapshot, CancellationToken, Task> onSnapshot) => _watching = RunAsync(engine, onSnapshot, _stop.Token);

    /// <summary>
    /// Starts watching; <paramref name="onSnapshot"/> runs off the renderer, so it must use the component's
    /// InvokeAsync to touch its state, and its token is cancelled once the component is going.
    /// </summary>
    public static SnapshotWatch Start(EngineState engine, Func<EngineSnapshot, CancellationToken, Task> onSnapshot) => new(engine, onSnapshot);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }

    private static async Task RunAsync(EngineState engine, Func<EngineSnapshot, CancellationToken, Task> onSnapshot, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var snapshot in engine.WatchAsync(cancellationToken))
            {
                await onSnapshot(snapshot, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The component went away.
        }
    }
}
