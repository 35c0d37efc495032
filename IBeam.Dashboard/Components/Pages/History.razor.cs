using IBeam.Dashboard.Components.Controls;
using IBeam.Dashboard.Endpoints;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.State;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IBeam.Dashboard.Components.Pages;

/// <summary>
/// The login history: a server-paged grid (only the page shown is read), its filters, the daily
/// chart and the CSV export. When a login starts or ends, the engine's snapshot says so and the
/// page reloads what it shows; no timer.
/// </summary>
public sealed partial class History : ComponentBase, IAsyncDisposable
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];

    /// <summary>The chart's range when the filter names no days.</summary>
    private const int DefaultChartDays = 30;

    /// <summary>A reload brings new instances of the same attempts; an open timeline stays open if its attempt is still on the page.</summary>
    private static readonly IEqualityComparer<AttemptView> SameAttempt = EqualityComparer<AttemptView>.Create((a, b) => a?.Id == b?.Id, a => a.Id.GetHashCode());

    private MudDataGrid<AttemptView>? _grid;
    private DailyAttemptsChart? _chart;
    private SnapshotWatch? _watch;
    private Guid? _attempt;
    private bool _seenFirst;

    [Inject]
    public required AttemptHistory Attempts { get; init; }

    [Inject]
    public required EngineState Engine { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private HistorySelection Selection { get; set; } = HistorySelection.Everything;

    private AttemptFilter Filter => Selection.ToFilter(Time.LocalTimeZone);

    private string ExportHref => HistoryEndpoints.ExportPath.TrimStart('/') + HistoryQuery.ToQueryString(Filter);

    private DateOnly ChartTo => Selection.ToDay ?? LocalDays.Today(Time);

    private DateOnly ChartFrom => Selection.FromDay ?? ChartTo.AddDays(1 - DefaultChartDays);

    protected override void OnInitialized() => _watch = SnapshotWatch.Start(Engine, SeeAsync);

    public ValueTask DisposeAsync() => _watch?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<GridData<AttemptView>> LoadPageAsync(GridState<AttemptView> state, CancellationToken cancellationToken)
    {
        var page = await Attempts.PageAsync(Filter, AttemptPaging.Number(state.Page, state.PageSize), cancellationToken);
        return new GridData<AttemptView> { Items = page.Attempts, TotalItems = page.Total };
    }

    private async Task SelectAsync(HistorySelection selection)
    {
        Selection = selection;
        if (_grid is null)
        {
            return;
        }

        // Another filter starts again from its first page.
        if (_grid.CurrentPage != 0)
        {
            _grid.NavigateTo(Page.First);
        }

        await _grid.ReloadServerData();
    }

    /// <summary>A click anywhere on a row opens or closes its timeline, as the row's chevron does.</summary>
    private Task ToggleRowAsync(DataGridRowClickEventArgs<AttemptView> click) => _grid?.ToggleHierarchyVisibilityAsync(click.Item) ?? Task.CompletedTask;

    private string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Time.LocalTimeZone).ToString("yyyy-MM-dd HH:mm:ss");

    private static string DurationText(AttemptView attempt) =>
        attempt.Duration is { } duration ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s") : "—";

    /// <summary>Reloads the grid and the chart whenever the login under way changes: one started, ended, or gave way to another.</summary>
    private async Task SeeAsync(EngineSnapshot snapshot, CancellationToken stopping)
    {
        var attempt = snapshot.Attempt?.Id;
        var changed = _seenFirst && attempt != _attempt;
        (_attempt, _seenFirst) = (attempt, true);
        if (!changed)
        {
            return;
        }

        try
        {
            await InvokeAsync(() => stopping.IsCancellationRequested ? Task.CompletedTask : ReloadAsync());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Off the renderer, an exception would end the watch unseen: hand it to the page's error handling.
            await DispatchExceptionAsync(e);
        }
    }

    private async Task ReloadAsync()
    {
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }

        if (_chart is not null)
        {
            await _chart.ReloadAsync();
        }
    }
}
