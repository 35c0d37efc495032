using Serilog.Events;
using Serilog.Parsing;

namespace IBeam.Engine.Logging;

/// <summary>The events the database log writes about itself, so a gap in the log explains itself.</summary>
internal static class LogNotices
{
    public const string Source = "IBeam.Logging";

    private static readonly MessageTemplateParser Parser = new();
    private static readonly MessageTemplate DroppedTemplate =
        Parser.Parse("The database log fell behind: {Dropped} older events were dropped from its full queue");
    private static readonly MessageTemplate LostTemplate =
        Parser.Parse("{Lost} log events could not be written to the database: {Error}");

    public static LogEvent Dropped(long count, DateTimeOffset at) =>
        Notice(at, DroppedTemplate, new LogEventProperty("Dropped", new ScalarValue(count)));

    public static LogEvent Lost(long count, string error, DateTimeOffset at) =>
        Notice(at, LostTemplate, new LogEventProperty("Lost", new ScalarValue(count)), new LogEventProperty("Error", new ScalarValue(error)));

    private static LogEvent Notice(DateTimeOffset at, MessageTemplate template, params LogEventProperty[] properties) =>
        new(at, LogEventLevel.Warning, null, template, [.. properties, new LogEventProperty("SourceContext", new ScalarValue(Source))]);
}
