using IBeam.Dashboard.CommandLine;
using IBeam.Dashboard.Hosting;
using IBeam.Engine.Login;

var command = IBeamCommand.Parse(args);
if (command.Errors.Count > 0)
{
    command.Errors.ToList().ForEach(Console.Error.WriteLine);
    Console.Error.WriteLine(IBeamCommand.Usage);
    return ExitCodes.BadConfiguration;
}

if (command.Verb == IBeamVerb.Authenticate)
{
    // A login is the point of this command: Playwright's driver starts while the host is built.
    BrowserLauncher.StartDriverEarly();
}

return await IBeamApp.RunAsync(command);

/// <summary>The dashboard's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
