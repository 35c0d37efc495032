using System.Globalization;
using IBeam.Engine.Data.Queries;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Serilog.Events;

namespace IBeam.Dashboard.Components.Controls.Logs;

/// <summary>
/// The search form and its results. Times are typed and shown in the server's local time (as the
/// rest of the dashboard shows them) and sent to the query in UTC. Newer and Older page through the
/// search that was run, not through whatever the form holds since.
/// </summary>
public sealed partial class LogSearch : ComponentBase
{
    public const int PageSize = 50;

    private IReadOnlyCollection<LogEventLevel> _levels = LogLevelStyle.All;
    private string? _text;
    private string? _from;
    private string? _to;
    private LogQuery? _query; // the search shown
    private LogPage? _page;
    private string? _error;
    private int _searches; // a result that arrives after a later search started is dropped

    [Inject]
    public required LogQueries Queries { get; init; }

    /// <summary>Which clock the times are on, for the form's help text.</summary>
    private static string ServerZone => "server time, UTC" + TimeZoneInfo.Local.GetUtcOffset(DateTime.UtcNow) switch
    {
        { Ticks: 0 } => "",
        var offset => (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
    };

    protected override Task OnInitializedAsync() => SearchAsync();

    private Task SetLevelsAsync(IReadOnlyCollection<LogEventLevel>? levels)
    {
        _levels = levels ?? [];
        return SearchAsync();
    }

    private async Task SearchOnEnterAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await SearchAsync();
        }
    }

    /// <summary>The form's search, from its newest page.</summary>
    private Task SearchAsync()
    {
        if (Validate() is { } error)
        {
            _query = null;
            _page = null;
            _error = error;
            return Task.CompletedTask;
        }

        return RunAsync(new LogQuery
        {
            Text = _text,
            // Every level chosen is no level filter at all (the query then need not name them).
            Levels = _levels.Count == LogLevelStyle.All.Count ? null : _levels.ToHashSet(),
            From = ParseTime(_from),
            To = ParseTime(_to),
            PageSize = PageSize,
        });
    }

    private Task TurnAsync(int pages) => _query is { } query ? RunAsync(query with { Page = Math.Max(query.Page + pages, 0) }) : Task.CompletedTask;

    private async Task RunAsync(LogQuery query)
    {
        var search = ++_searches;
        LogPage? page = null;
        string? error = null;
        try
        {
            page = await Queries.SearchAsync(query);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = $"The log could not be searched: {e.Message}";
        }

        if (search == _searches)
        {
            (_query, _page, _error) = (page is null ? null : query, page, error);
        }
    }

    /// <summary>Why the form cannot be searched, or null.</summary>
    private string? Validate()
    {
        foreach (var (label, value) in new[] { ("From", _from), ("To", _to) })
        {
            if (!string.IsNullOrWhiteSpace(value) && ParseTime(value) is null)
            {
                return $"{label} is not a date and time: {value}";
            }
        }

        return ParseTime(_from) >= ParseTime(_to) ? "From must be before To." : null;
    }

    /// <summary>Null when blank or not a time; otherwise the browser's date-time-local value, read in the server's local time, in UTC.</summary>
    private static DateTime? ParseTime(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal | DateTimeStyles.AdjustToUniversal, out var utc) ? utc : null;
}
