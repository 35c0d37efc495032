using IBeam.Engine.Configuration;
using IBeam.Engine.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Alerts;

/// <summary>
/// Watches the engine's snapshots and posts each alert event to IBEAM_ALERT_WEBHOOK_URL. It reads
/// from its own watch channel, so a slow or failing webhook delays only later alerts, never the
/// engine. Without a URL, events are noted in the debug log and nothing is sent.
/// </summary>
/// <remarks>
/// Not a BackgroundService: since .NET 10 its ExecuteAsync starts on another thread, and the
/// maintenance loop (started next) could publish an event before the watch existed. Here the
/// watch is registered before <see cref="StartAsync"/> returns.
/// </remarks>
public sealed class AlertService(EngineState state, AlertSender sender, IOptionsMonitor<IBeamOptions> options, ILogger<AlertService> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var watch = state.WatchAsync(_stop.Token).GetAsyncEnumerator(_stop.Token);
        var first = watch.MoveNextAsync(); // runs the watch up to the current snapshot: it is registered from here on
        _running = RunAsync(watch, first);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(cancellationToken);
    }

    public void Dispose() => _stop.Dispose();

    private async Task RunAsync(IAsyncEnumerator<EngineSnapshot> watch, ValueTask<bool> first)
    {
        var detector = new AlertDetector();
        try
        {
            for (var more = await first; more; more = await watch.MoveNextAsync())
            {
                foreach (var alert in detector.Observe(watch.Current))
                {
                    await SendAsync(alert);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            await watch.DisposeAsync();
        }
    }

    private async Task SendAsync(Alert alert)
    {
        if (options.CurrentValue.Dashboard.AlertWebhookUrl is { } url)
        {
            await sender.SendAsync(url, alert, _stop.Token);
        }
        else
        {
            AlertLog.NotConfigured(logger, alert.Event);
        }
    }
}
