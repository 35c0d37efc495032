using IBeam.Engine.Alerts;
using IBeam.Engine.Configuration;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Tests.Alerts;

/// <summary>
/// The alert service as the engine registers it (<see cref="AlertRegistration.AddAlerts"/>, its
/// retrying client included), over an engine state the test drives. Retry delays are shortened.
/// </summary>
internal sealed class RunningAlerts : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService _service;

    private RunningAlerts(ServiceProvider services, IBeamOptions options, CapturedLogs logs)
    {
        _services = services;
        _service = services.GetServices<IHostedService>().OfType<AlertService>().Single();
        Options = options;
        Logs = logs;
    }

    public EngineState State => _services.GetRequiredService<EngineState>();

    /// <summary>The options the service reads on every alert: a test may change them while it runs.</summary>
    public IBeamOptions Options { get; }

    public CapturedLogs Logs { get; }

    public static async Task<RunningAlerts> StartAsync(Uri? webhook, int retries = 4)
    {
        var options = new IBeamOptions { Dashboard = { AlertWebhookUrl = webhook } };
        var logs = new CapturedLogs();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs))
            .AddSingleton(TimeProvider.System)
            .AddSingleton<EngineState>()
            .AddSingleton<IOptionsMonitor<IBeamOptions>>(new StaticOptions(options))
            .AddAlerts()
            .Configure<AlertDeliveryOptions>(delivery =>
            {
                delivery.Retries = retries;
                delivery.RetryDelay = TimeSpan.FromMilliseconds(20);
            })
            .BuildServiceProvider();
        var running = new RunningAlerts(services, options, logs);
        await running._service.StartAsync(CancellationToken.None);
        return running;
    }

    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
