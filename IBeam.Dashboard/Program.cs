using IBeam.Dashboard.CommandLine;
using IBeam.Dashboard.Hosting;

var command = IBeamCommand.Parse(args);
if (command.Errors.Count > 0)
{
    command.Errors.ToList().ForEach(Console.Error.WriteLine);
    Console.Error.WriteLine(IBeamCommand.Usage);
    return ExitCodes.BadConfiguration;
}

return await IBeamApp.RunAsync(command);

/// <summary>The dashboard's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
