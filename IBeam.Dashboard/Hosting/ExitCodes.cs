namespace IBeam.Dashboard.Hosting;

/// <summary>The process's exit codes, as IBeam's starter uses them.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran but its goal was not met (not authenticated, gateway not answering).</summary>
    public const int NotAchieved = 1;

    /// <summary>The configuration is invalid: nothing was attempted.</summary>
    public const int BadConfiguration = 2;
}
