using IBeam.Dashboard.CommandLine;
using IBeam.Dashboard.Components;
using IBeam.Engine.Configuration;
using IBeam.Engine.Data;
using IBeam.Engine.Settings;
using IBeam.Engine.Hosting;
using IBeam.Engine.Sandbox;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MudBlazor.Services;

namespace IBeam.Dashboard.Hosting;

/// <summary>Builds and runs the host the command asks for: the web UI, the engine alone, or a one-shot command.</summary>
internal static class IBeamApp
{
    public static async Task<int> RunAsync(IBeamCommand command)
    {
        try
        {
            return command.Verb switch
            {
                IBeamVerb.Web => await RunWebAsync(command),
                IBeamVerb.SandboxGateway => await RunSandboxGatewayAsync(command),
                _ => await RunEngineAsync(command),
            };
        }
        catch (DatabaseStartupException e)
        {
            Console.Error.WriteLine($"IBeam cannot start: {e.Message}");
            return ExitCodes.BadConfiguration;
        }
        catch (OptionsValidationException e)
        {
            Console.Error.WriteLine("IBeam cannot start; fix these settings:");
            foreach (var failure in e.Failures)
            {
                Console.Error.WriteLine($"  - {failure}");
            }

            return ExitCodes.BadConfiguration;
        }
    }

    private static async Task<int> RunWebAsync(IBeamCommand command)
    {
        // Disposed at the end so the logger flushes: the database log's last batch is written on disposal.
        await using var dashboard = await DashboardApp.BuildAsync(command);
        await dashboard.RunAsync();
        return ExitCodes.Success;
    }

    private static async Task<int> RunEngineAsync(IBeamCommand command)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = command.ConfigurationArgs, ContentRootPath = AppContext.BaseDirectory });
        await using var sandbox = await StartSandboxAsync(command, builder.Configuration);
        var database = PrepareDatabase(builder.Configuration);
        IBeamLogging.Configure(builder.Services, builder.Configuration);
        builder.Services.AddIBeamEngine(new EngineMode(command.RequiresCredentials, LongRunning: command.Verb == IBeamVerb.Maintain));
        if (command.Verb is IBeamVerb.Maintain or IBeamVerb.Authenticate)
        {
            builder.Services.AddInboundServer();
        }

        if (command.Verb == IBeamVerb.Maintain)
        {
            builder.Services.AddMaintenanceLoop();
        }

        using var host = builder.Build();
        host.Services.ValidateIBeamSettings();
        LogDatabase(host.Services, database.Report);
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await host.StartAsync(stopping);
        if (command.Verb == IBeamVerb.Maintain)
        {
            await host.WaitForShutdownAsync();
            return ExitCodes.Success;
        }

        var exitCode = await OneShotCommands.RunAsync(command.Verb, host.Services, stopping);
        await host.StopAsync(CancellationToken.None);
        return exitCode;
    }

    private static async Task<int> RunSandboxGatewayAsync(IBeamCommand command)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(command.ConfigurationArgs).Build();
        await using var sandbox = await SandboxGateway.StartAsync(SandboxMode.Port(configuration), controlPort: SandboxMode.ControlPort(configuration));
        Console.WriteLine($"Sandbox gateway: {sandbox.GatewayUrl} (user {SandboxAccount.UserName}, password {SandboxAccount.Password})");
        Console.WriteLine($"Sandbox control API: {sandbox.ControlUrl}sandbox/state; phone {sandbox.PhoneUrl} (code URL {sandbox.PhoneCodeUrl}); Messages for web {sandbox.MessagesUrl}");
        // Ctrl+C, SIGTERM (docker stop, kill) and SIGQUIT end it with the sandbox disposed. The signal's
        // default action is cancelled and the stop happens on the main path: stopping from a ProcessExit
        // handler ran the disposal inside the runtime's exit and deadlocked it, so SIGTERM left it running.
        using var stop = new CancellationTokenSource();
        using var signals = new SignalStop(stop);
        await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
        return ExitCodes.Success;
    }

    /// <summary>The start-up step before anything else runs: the database is made ready, and the settings stored in it join the configuration.</summary>
    internal static PreparedDatabase PrepareDatabase(ConfigurationManager configuration)
    {
        var location = DatabaseLocation.From(configuration);
        var report = DatabaseStartup.Prepare(location, TimeProvider.System);
        StoredSettingsProvider.AddTo(configuration, location);
        return new PreparedDatabase(location, report);
    }

    internal static void LogDatabase(IServiceProvider services, DatabaseReport report)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("IBeam.Database");
        logger.LogInformation("Database {Path}{Migrations}{Interrupted}", report.Path,
            report.MigrationsApplied.Count > 0 ? $"; migrations applied: {string.Join(", ", report.MigrationsApplied)}" : "",
            report.InterruptedAttempts > 0 || report.InterruptedSubmission
                ? $"; {report.InterruptedAttempts} login(s) left unfinished by the previous run marked Interrupted{(report.InterruptedSubmission ? ", and the submission it was making counted as failed" : "")}"
                : "");
    }

    /// <summary>Starts the sandbox when asked, and points the engine's settings at it.</summary>
    internal static async Task<SandboxGateway?> StartSandboxAsync(IBeamCommand command, ConfigurationManager configuration)
    {
        if (!SandboxMode.IsRequested(command, configuration))
        {
            return null;
        }

        var sandbox = await SandboxGateway.StartAsync(SandboxMode.Port(configuration), controlPort: SandboxMode.ControlPort(configuration));
        configuration.AddInMemoryCollection(SandboxMode.Settings(sandbox, configuration, webUi: command.Verb == IBeamVerb.Web));
        var twoFactor = SandboxMode.TwoFactorFor(configuration);
        sandbox.State.SetScenario(scenario => scenario with { TwoFactor = twoFactor });
        Console.WriteLine($"Sandbox gateway: {sandbox.GatewayUrl} (control API: {sandbox.ControlUrl}sandbox/state; Messages for web: {sandbox.MessagesUrl})");
        Console.WriteLine($"Sandbox phone: {sandbox.PhoneUrl} (the SMS with the code)");
        return sandbox;
    }
}

/// <summary>The database the start-up step made ready, and what it did.</summary>
internal sealed record PreparedDatabase(DatabaseLocation Location, DatabaseReport Report);
