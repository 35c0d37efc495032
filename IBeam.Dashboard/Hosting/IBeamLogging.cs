using IBeam.Engine.Configuration;
using IBeam.Engine.Data;
using IBeam.Engine.Logging;
using Serilog;
using Serilog.Events;

namespace IBeam.Dashboard.Hosting;

/// <summary>
/// Serilog set up as IBeam logs: IBEAM_LOG_LEVEL to the console, to a daily file in the outputs folder
/// when IBEAM_LOG_TO_FILE, and to the database (searched by the dashboard). The database must be
/// prepared (DatabaseStartup.Prepare) before the logger is first used. Registers the <see cref="LogFeed"/>
/// the database log notifies, before the engine's registration would add one of its own.
/// </summary>
internal static class IBeamLogging
{
    private const string Template = "{Timestamp:yyyy-MM-dd HH:mm:ss,fff}|{Level:u1}| {Message:lj}{NewLine}{Exception}";

    public static void Configure(IServiceCollection services, IConfiguration configuration)
    {
        // Read straight from configuration: logging must work even when the settings are invalid, to report them.
        var options = new IBeamOptions();
        SettingsReader.Read(configuration, options);
        var level = options.Logging.Level switch
        {
            IBeamLogLevel.Debug => LogEventLevel.Debug,
            IBeamLogLevel.Warning => LogEventLevel.Warning,
            IBeamLogLevel.Error => LogEventLevel.Error,
            IBeamLogLevel.Critical => LogEventLevel.Fatal,
            _ => LogEventLevel.Information,
        };

        // The database log tells this feed of each batch it wrote; the dashboard's live tail watches it.
        var feed = new LogFeed();
        services.AddSingleton(feed);
        services.AddSerilog(logger =>
        {
            logger.MinimumLevel.Is(level)
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
                .MinimumLevel.Override("Polly", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .WriteTo.Console(outputTemplate: Template, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            if (options.Logging.ToFile)
            {
                logger.WriteTo.File(
                    Path.Combine(options.Gateway.OutputsDirectory, "ibeam_log_.txt"),
                    outputTemplate: Template,
                    rollingInterval: RollingInterval.Day,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }

            // The same file the start-up step prepared; retention from IBEAM_LOG_RETENTION_DAYS and IBEAM_LOG_MAX_ROWS.
            logger.WriteTo.IBeamDatabase(DatabaseLocation.From(configuration), SqliteLogOptions.From(options.Storage), feed: feed);
        });
    }
}
