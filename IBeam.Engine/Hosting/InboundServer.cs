using System.Net;
using IBeam.Engine.Configuration;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Operators;
using IBeam.Engine.State;
using IBeam.Engine.TwoFactor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Hosting;

/// <summary>
/// IBeam's own HTTP server on IBEAM_HEALTH_SERVER_PORT (IBeam's health server port), separate from
/// the dashboard so it runs with --maintain too. In the long-running modes it serves the health
/// probes and actions (<see cref="HealthEndpoints"/>) and the SMS webhooks; a one-shot
/// --authenticate starts it only to receive an SMS webhook, and then serves nothing else (there is
/// no maintenance to probe or to activate). It listens on every interface, as IBeam's does in
/// Docker; what it serves authenticates each call itself.
/// </summary>
public sealed class InboundServer(IServiceProvider services, IOptionsMonitor<IBeamOptions> options, EngineMode mode, ILogger<InboundServer> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address it listens on, once started.</summary>
    public Uri? Address { get; private set; }

    /// <summary>Whether this run needs the server: always for the long-running modes, else only to receive an SMS webhook.</summary>
    private bool Needed =>
        mode.LongRunning || new[] { options.CurrentValue.TwoFactor.Handler, options.CurrentValue.TwoFactor.EffectiveFallback(mode) }
            .Any(h => string.Equals(h?.Trim(), SmsWebhookHandler.HandlerName, StringComparison.OrdinalIgnoreCase));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Needed)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();

        // The endpoints use the engine's own services and logging, not copies.
        builder.Services.AddSingleton(services.GetRequiredService<SmsInbox>());
        builder.Services.AddSingleton(services.GetRequiredService<SeenMessages>());
        builder.Services.AddSingleton(services.GetRequiredService<IOptionsMonitor<IBeamOptions>>());
        builder.Services.AddSingleton(services.GetRequiredService<ILoggerFactory>());
        if (mode.LongRunning)
        {
            builder.Services.AddSingleton(services.GetRequiredService<EngineState>());
            builder.Services.AddSingleton(services.GetRequiredService<EngineControl>());
            builder.Services.AddSingleton(services.GetRequiredService<OperatorAudit>());
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Any, options.CurrentValue.Inbound.Port));

        _app = builder.Build();
        _app.UseSecurityHeaders(SecurityHeaders.NothingToRender);
        _app.MapSmsWebhooks();
        if (mode.LongRunning)
        {
            _app.MapHealthEndpoints();
        }

        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        InboundLog.Listening(logger, mode.LongRunning ? "health probes, /activate, /deactivate, SMS webhooks" : "SMS webhooks", address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

internal static partial class InboundLog
{
    [LoggerMessage(LogLevel.Information, "IBeam's HTTP server ({Serves}) listens on {Address}")]
    public static partial void Listening(ILogger logger, string serves, string address);
}
