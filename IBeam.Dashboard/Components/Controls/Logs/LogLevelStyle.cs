using MudBlazor;
using Serilog.Events;

namespace IBeam.Dashboard.Components.Controls.Logs;

/// <summary>How a stored level (Serilog's 0 Verbose … 5 Fatal) is named and coloured on the dashboard.</summary>
internal static class LogLevelStyle
{
    public static IReadOnlyList<LogEventLevel> All { get; } = Enum.GetValues<LogEventLevel>();

    public static string Name(LogEventLevel level) => level switch
    {
        LogEventLevel.Information => "Info",
        _ => level.ToString(),
    };

    public static string Name(int level) => Name((LogEventLevel)level);

    public static Color Color(int level) => (LogEventLevel)level switch
    {
        LogEventLevel.Information => MudBlazor.Color.Info,
        LogEventLevel.Warning => MudBlazor.Color.Warning,
        LogEventLevel.Error => MudBlazor.Color.Error,
        LogEventLevel.Fatal => MudBlazor.Color.Dark, // darker than an error, as IBeam's "ATTENTION" events deserve
        _ => MudBlazor.Color.Default,
    };
}
