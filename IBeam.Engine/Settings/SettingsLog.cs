using Microsoft.Extensions.Logging;

namespace IBeam.Engine.Settings;

internal static partial class SettingsLog
{
    [LoggerMessage(LogLevel.Information, "Setting {Name} changed by {ChangedBy} to {Value} (restart needed: {RequiresRestart})")]
    public static partial void Changed(ILogger logger, string name, string changedBy, string value, bool requiresRestart);
}
