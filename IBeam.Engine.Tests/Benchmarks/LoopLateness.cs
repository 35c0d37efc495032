using System.Diagnostics;

namespace IBeam.Engine.Tests.Benchmarks;

/// <summary>
/// A stand-in for the engine's loop: waits a fixed period, over and over, on the thread pool as the
/// hosted loop does, and records how late each wake-up is. Work that hogs the pool or the CPU shows as lateness.
/// </summary>
internal sealed class LoopLateness
{
    private readonly List<double> _lateMs = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private LoopLateness(TimeSpan period) => _loop = Task.Run(() => RunAsync(period));

    public static LoopLateness Start(TimeSpan period) => new(period);

    public async Task<Lateness> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        var sorted = _lateMs.Order().ToList();
        return new Lateness(sorted[sorted.Count / 2], sorted[(int)(sorted.Count * 0.99)], sorted[^1], sorted.Count);
    }

    private async Task RunAsync(TimeSpan period)
    {
        while (!_stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await Task.Delay(period, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _lateMs.Add((Stopwatch.GetElapsedTime(started) - period).TotalMilliseconds);
        }
    }
}

/// <summary>Milliseconds late: median, 99th percentile, worst, over this many wake-ups.</summary>
internal readonly record struct Lateness(double Median, double P99, double Max, int WakeUps);
