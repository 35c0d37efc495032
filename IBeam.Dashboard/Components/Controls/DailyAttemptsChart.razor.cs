using System.Globalization;
using IBeam.Engine.Data.Queries;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IBeam.Dashboard.Components.Controls;

/// <summary>Reads the daily figures for a range of local days (the server's zone) and charts them; <see cref="ReloadAsync"/> refreshes them when a login ends.</summary>
public sealed partial class DailyAttemptsChart : ComponentBase
{
    /// <summary>More bars than this are unreadable, on a phone above all.</summary>
    public const int MaxDays = 92;

    private const int MaxLabels = 8;

    // Green, red and blue as the outcome chips use them; 0 ticks: a round spacing that fits the counts.
    private static readonly StackedBarChartOptions CountOptions = new() { ChartPalette = ["#00c853", "#f44336", "#2196f3"], YAxisTicks = 0 };
    private static readonly LineChartOptions RateOptions = new() { ChartPalette = ["#00c853"] };

    private List<ChartSeries<double>> _counts = [];
    private List<ChartSeries<double>> _rate = [];
    private string[] _labels = [];
    private string[] _rateLabels = [];
    private (string Day, double Percent)? _singleRate;
    private bool _truncated;
    private (DateOnly, DateOnly)? _loaded;

    [Inject]
    public required AttemptHistory History { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Parameter, EditorRequired]
    public DateOnly From { get; set; }

    [Parameter, EditorRequired]
    public DateOnly To { get; set; }

    private IReadOnlyList<DailyAttempts> Days { get; set; } = [];

    private string Summary
    {
        get
        {
            var (attempts, successes, ended) = (Days.Sum(d => d.Attempts), Days.Sum(d => d.Successes), Days.Sum(d => d.Successes + d.Failures));
            var rate = ended == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {(double)successes / ended:0%} succeeded");
            return $"{attempts} attempt{(attempts == 1 ? "" : "s")}{rate}";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded != (From, To))
        {
            await ReloadAsync();
        }
    }

    public async Task ReloadAsync()
    {
        _loaded = (From, To);
        var first = To.AddDays(1 - MaxDays) > From ? To.AddDays(1 - MaxDays) : From;
        _truncated = first > From;
        Days = await History.DailyStatsAsync(first, To, Time.LocalTimeZone);

        _labels = Labels(Days);
        _counts =
        [
            Series("Succeeded", d => d.Successes),
            Series("Failed", d => d.Failures),
            Series("Running", d => d.Attempts - d.Successes - d.Failures),
        ];

        // A day on which no attempt ended has no rate. The chart cannot leave a gap, and 0 would read
        // as "every attempt failed", so the line joins only the days that have one.
        var rated = Days.Where(d => d.SuccessRate is not null).ToList();
        _rateLabels = Labels(rated);
        _rate = rated.Count == 0 ? [] : [Series("Success rate %", rated, Percent)];
        _singleRate = rated.Count == 1 ? (rated[0].Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Percent(rated[0])) : null;
        StateHasChanged();
    }

    private ChartSeries<double> Series(string name, Func<DailyAttempts, double> value) => Series(name, Days, value);

    private static double Percent(DailyAttempts day) => Math.Round(day.SuccessRate!.Value * 100, 1);

    private static ChartSeries<double> Series(string name, IReadOnlyList<DailyAttempts> days, Func<DailyAttempts, double> value) =>
        new() { Name = name, Data = days.Select(value).ToArray() };

    /// <summary>"03-02" under every few bars, so that at most <see cref="MaxLabels"/> show.</summary>
    private static string[] Labels(IReadOnlyList<DailyAttempts> days)
    {
        var every = Math.Max(1, (int)Math.Ceiling(days.Count / (double)MaxLabels));
        return [.. days.Select((d, i) => i % every == 0 ? d.Day.ToString("MM-dd", CultureInfo.InvariantCulture) : "")];
    }
}
