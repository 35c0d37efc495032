using IBeam.Dashboard.Hosting;
using IBeam.Engine.Gateway;
using IBeam.Engine.Login;
using IBeam.Engine.Maintenance;

namespace IBeam.Dashboard.CommandLine;

/// <summary>IBeam's one-shot commands (-a, -c, -t, -s, -k): each prints what it found and says so in its exit code.</summary>
internal static class OneShotCommands
{
    public static async Task<int> RunAsync(IBeamVerb verb, IServiceProvider services, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<GatewayClient>();
        var process = services.GetRequiredService<GatewayProcess>();
        switch (verb)
        {
            case IBeamVerb.Authenticate:
                var authenticated = await services.GetRequiredService<Authenticator>().MaintainAsync(LoginTrigger.CommandLine, cancellationToken);
                return Report(await client.GetStatusAsync(cancellationToken), authenticated);

            case IBeamVerb.Check:
                var status = await client.GetStatusAsync(cancellationToken);
                return Report(status, status.IsHealthy);

            case IBeamVerb.Tickle:
                var tickled = await client.TickleAsync(cancellationToken);
                return Report(tickled, tickled.Session);

            case IBeamVerb.Start:
                if (!process.IsManaged)
                {
                    Console.Error.WriteLine("IBEAM_GATEWAY_DIR is not set: IBeam uses the gateway at IBEAM_GATEWAY_BASE_URL and starts none.");
                }

                var started = await process.EnsureStartedAsync(cancellationToken);
                return Report(started, started.Running);

            case IBeamVerb.Kill:
                var killed = await process.KillAsync(cancellationToken);
                Console.WriteLine(killed ? "No gateway process is running." : "A gateway process is still running.");
                return killed ? ExitCodes.Success : ExitCodes.NotAchieved;

            default:
                throw new ArgumentOutOfRangeException(nameof(verb), verb, "Not a one-shot command.");
        }
    }

    private static int Report(GatewayStatus status, bool achieved)
    {
        Console.WriteLine(status.ToString());
        return achieved ? ExitCodes.Success : ExitCodes.NotAchieved;
    }
}
