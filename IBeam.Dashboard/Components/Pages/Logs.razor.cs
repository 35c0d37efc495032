using Microsoft.AspNetCore.Components;

namespace IBeam.Dashboard.Components.Pages;

/// <summary>The stored log: a live tail of the newest events, or a search by level, words and time.</summary>
public sealed partial class Logs : ComponentBase
{
    /// <summary>The view; /logs?mode=search opens the search (a link from elsewhere can ask for it).</summary>
    [SupplyParameterFromQuery(Name = "mode")]
    public string? ModeName { get; set; }

    private LogsMode Mode { get; set; }

    protected override void OnParametersSet() =>
        Mode = string.Equals(ModeName, "search", StringComparison.OrdinalIgnoreCase) ? LogsMode.Search : LogsMode.Tail;

    private void SetMode(LogsMode mode) => Mode = mode;
}

/// <summary>What the Logs page shows.</summary>
public enum LogsMode
{
    Tail,
    Search,
}
