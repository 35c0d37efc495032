using IBeam.Dashboard.Hosting;
using IBeam.Engine.Configuration;
using IBeam.Engine.Data;
using IBeam.Engine.Hosting;
using IBeam.Engine.Logging;
using IBeam.Engine.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IBeam.Engine.Tests.Logging;

/// <summary>The host's logging writes to the database it prepared, and flushes when the host is disposed.</summary>
public sealed class IBeamLoggingTests
{
    [Fact]
    public void The_hosts_logger_writes_to_the_database_and_flushes_on_disposal()
    {
        var folder = Directory.CreateTempSubdirectory("ibeam-logging-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["IBEAM_OUTPUTS_DIR"] = folder,
                ["IBEAM_LOG_TO_FILE"] = "false",
                ["IBEAM_LOG_LEVEL"] = "WARNING",
            }).Build();
            var location = DatabaseLocation.From(configuration);
            DatabaseStartup.Prepare(location, TimeProvider.System);
            var services = new ServiceCollection();
            IBeamLogging.Configure(services, configuration);

            using (var provider = services.BuildServiceProvider())
            {
                var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("IBeam.Engine.Maintenance.MaintenanceService");
                logger.LogInformation("Below IBEAM_LOG_LEVEL");
                logger.LogWarning("Gateway refused {Route} with HTTP {StatusCode}", "/v1/api/tickle", 503);
            }

            using var context = DatabaseStartup.CreateContext(location);
            var row = Assert.Single(context.Logs.ToList());
            Assert.Equal("Gateway refused /v1/api/tickle with HTTP 503", row.Message);
            Assert.Equal("IBeam.Engine.Maintenance.MaintenanceService", row.Category);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_feed_the_engine_resolves_is_the_one_the_hosts_database_log_notifies()
    {
        var folder = Directory.CreateTempSubdirectory("ibeam-logging-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["IBEAM_OUTPUTS_DIR"] = folder,
                ["IBEAM_LOG_TO_FILE"] = "false",
            }).Build();
            DatabaseStartup.Prepare(DatabaseLocation.From(configuration), TimeProvider.System);
            var services = new ServiceCollection();
            IBeamLogging.Configure(services, configuration);
            services.AddIBeamEngine(new EngineMode(RequiresCredentials: false, WebUi: true)); // registers a feed only when none is

            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await using (var provider = services.BuildServiceProvider())
            {
                await using var watch = provider.GetRequiredService<LogFeed>().WatchAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
                Assert.True(await watch.MoveNextAsync());
                provider.GetRequiredService<ILoggerFactory>().CreateLogger("IBeam.Test").LogWarning("Announced to the live tail");

                Assert.True(await watch.MoveNextAsync());
                Assert.True(watch.Current > 0);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
