namespace IBeam.Engine.Configuration;

public enum IBeamLogLevel
{
    Debug,
    Info,
    Warning,
    Error,
    Critical,
}

public sealed class LoggingOptions
{
    [Setting("IBEAM_LOG_LEVEL", "DEBUG, INFO, WARNING, ERROR or CRITICAL.", RequiresRestart = true)]
    public IBeamLogLevel Level { get; set; } = IBeamLogLevel.Info;

    [Setting("IBEAM_LOG_TO_FILE", "Also write a daily log file to the outputs folder.", RequiresRestart = true)]
    public bool ToFile { get; set; } = true;
}

public sealed class SandboxOptions
{
    [Setting("IBEAM_SANDBOX", "Start the built-in sandbox gateway and log in to it (try IBeam without an IBKR account).", RequiresRestart = true, Storable = false)]
    public bool Enabled { get; set; }

    [Setting("IBEAM_SANDBOX_PORT", "Port of the sandbox gateway; 0 picks a free one.", Min = 0, Max = 65535, RequiresRestart = true, Storable = false)]
    public int Port { get; set; }

    [Setting("IBEAM_SANDBOX_CONTROL_PORT", "Port of the sandbox's control API and simulated phone (plain http); 0 picks a free one.", Min = 0, Max = 65535, RequiresRestart = true, Storable = false)]
    public int ControlPort { get; set; }
}
