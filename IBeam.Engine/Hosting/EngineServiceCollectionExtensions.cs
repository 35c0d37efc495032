using IBeam.Engine.Alerts;
using IBeam.Engine.Configuration;
using IBeam.Engine.Data;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.Gateway;
using IBeam.Engine.Logging;
using IBeam.Engine.Login;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Settings;
using IBeam.Engine.State;
using IBeam.Engine.TwoFactor;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Hosting;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Wires the engine: settings (validated at start), gateway client and process, login flow,
    /// 2FA handlers, lock-out guard, strategies and the published state. The maintenance loop is
    /// added separately (<see cref="AddMaintenanceLoop"/>) so one-shot commands can run without it.
    /// </summary>
    /// <summary>
    /// Validates the settings now, throwing <see cref="OptionsValidationException"/> naming every bad one.
    /// Call it right after the host is built: ValidateOnStart would report the same failures, but only
    /// once the host starts, and the host first logs them with its own stack trace, which buries the
    /// operator's message under forty lines.
    /// </summary>
    public static void ValidateIBeamSettings(this IServiceProvider services) =>
        _ = services.GetRequiredService<IOptions<IBeamOptions>>().Value;

    public static IServiceCollection AddIBeamEngine(this IServiceCollection services, EngineMode mode)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(mode);
        services.AddSingleton<IConfigureOptions<IBeamOptions>, SettingsReader>();
        services.AddSingleton<IValidateOptions<IBeamOptions>, IBeamOptionsValidator>();
        services.AddOptions<IBeamOptions>().ValidateOnStart();

        // Stored settings are a configuration provider the host added (StoredSettingsProvider.AddTo); a change reloads the options.
        services.AddSingleton(sp => ((IConfigurationRoot)sp.GetRequiredService<IConfiguration>()).Providers.OfType<StoredSettingsProvider>().FirstOrDefault()
            ?? throw new InvalidOperationException("The host must add the stored settings to its configuration (StoredSettingsProvider.AddTo)."));
        services.AddSingleton(sp => sp.GetRequiredService<StoredSettingsProvider>().Protector);
        services.AddSingleton<IOptionsChangeTokenSource<IBeamOptions>>(sp => new ConfigurationChangeTokenSource<IBeamOptions>(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<SettingsService>();

        services.AddGatewayHttpClient();
        services.AddSingleton<GatewayProcess>();

        services.AddHttpClient(ExternalRequestHandler.HttpClientName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITwoFactorHandler, ExternalRequestHandler>());
        services.AddSingleton<ManualCodeInbox>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITwoFactorHandler, ManualHandler>());
        services.AddSingleton<SmsInbox>();
        services.AddSingleton<SeenMessages>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITwoFactorHandler, SmsWebhookHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITwoFactorHandler, CustomHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITwoFactorHandler, TotpHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITwoFactorHandler, NotificationResendHandler>());
        services.TryAddSingleton<CustomHandlerLoader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITwoFactorHandler, GoogleMessagesHandler>());
        services.AddSingleton<TwoFactorHandlerSelector>();
        services.AddSingleton<TwoFactorCodeSource>();

        services.AddSingleton<CredentialsProvider>();
        services.AddSingleton<BrowserLauncher>();
        services.AddIBeamDatabase();
        // The host's logging may have registered the feed it hands to the database log; otherwise one nobody writes to.
        services.TryAddSingleton<LogFeed>();
        services.TryAddSingleton<ILockoutGuard, PersistentLockoutGuard>();
        services.AddSingleton<AttemptJournal>();
        services.AddSingleton<AttemptHistory>();
        services.AddSingleton<LoginFlow>();

        services.AddSingleton<EngineState>();
        services.AddSingleton<StatusPoller>();
        services.AddSingleton<SessionActions>();
        services.AddSingleton<StrategyA>();
        services.AddSingleton<StrategyB>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<EngineControl>();
        return services;
    }

    /// <summary>Adds IBeam's own HTTP server (health probes and actions, SMS webhooks); it listens only when the run needs it.</summary>
    public static IServiceCollection AddInboundServer(this IServiceCollection services) =>
        services.AddSingleton<InboundServer>().AddHostedService(sp => sp.GetRequiredService<InboundServer>());

    /// <summary>
    /// Adds the hosted maintenance loop (web UI and --maintain) and, with it, the alerts: they watch
    /// what the loop does, so they run in exactly the modes it runs in. The alerts are added first
    /// so that they watch from the loop's first snapshot.
    /// </summary>
    public static IServiceCollection AddMaintenanceLoop(this IServiceCollection services) =>
        services.AddAlerts().AddHostedService<MaintenanceService>();
}
