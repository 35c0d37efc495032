using Bunit;
using IBeam.Dashboard.Components.Controls;
using IBeam.Engine.Login;
using IBeam.Engine.Tests.Shared;
using static IBeam.Engine.Tests.Shared.AttemptData;

namespace IBeam.Engine.Tests.Dashboard.Controls;

public sealed class DailyAttemptsChartTests : HistoryPageContext
{
    private static readonly DateOnly MondayDay = DateOnly.FromDateTime(Monday);

    [Fact]
    public async Task It_draws_a_stacked_bar_per_day_and_a_rate_point_per_day_on_which_attempts_ended()
    {
        await Database.SeedAsync(
            Attempt(Monday.AddHours(9)),
            Attempt(Monday.AddHours(10), LoginOutcome.CodeRejected),
            Attempt(Monday.AddHours(11), LoginOutcome.CodeRejected),
            Attempt(Monday.AddDays(2).AddHours(9)),
            Attempt(Monday.AddDays(3).AddHours(9), outcome: null));

        var chart = Render<DailyAttemptsChart>(p => p.Add(c => c.From, MondayDay).Add(c => c.To, MondayDay.AddDays(4)));

        Assert.Equal("5 attempts, 50% succeeded", chart.Find("#daily-summary").TextContent);
        Assert.Equal(3 * 5, chart.FindAll("#daily-counts path.mud-chart-bar").Count); // succeeded, failed, running on each of 5 days
        Assert.Equal(["03-02", "03-03", "03-04", "03-05", "03-06"], chart.FindAll("#daily-counts .mud-charts-xaxis text").Select(t => t.TextContent));
        Assert.Equal(["03-02", "03-04"], chart.FindAll("#daily-rate .mud-charts-xaxis text").Select(t => t.TextContent));
        Assert.Equal(2, chart.FindAll("#daily-rate circle.mud-chart-point").Count);
        Assert.Equal(["Succeeded", "Failed", "Running"], chart.FindAll("#daily-counts .mud-chart-legend-item").Select(l => l.TextContent.Trim()));
    }

    [Fact]
    public async Task With_a_single_day_to_rate_the_rate_is_said_in_words_not_drawn_as_a_line_of_one_point()
    {
        await Database.SeedAsync(Attempt(Monday.AddHours(9)), Attempt(Monday.AddHours(10), LoginOutcome.CodeRejected), Attempt(Monday.AddHours(11)));

        var chart = Render<DailyAttemptsChart>(p => p.Add(c => c.From, MondayDay.AddDays(-6)).Add(c => c.To, MondayDay));

        Assert.Equal("Success rate on 2026-03-02: 66.7 %", chart.Find("#daily-rate-single").TextContent);
        Assert.Empty(chart.FindAll("#daily-rate"));
        Assert.Equal(3 * 7, chart.FindAll("#daily-counts path.mud-chart-bar").Count);
    }

    [Fact]
    public async Task Days_are_those_of_the_local_zone()
    {
        Time.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        await Database.SeedAsync(Attempt(Monday.AddDays(1).AddHours(3))); // Monday 22:00 in New York

        var chart = Render<DailyAttemptsChart>(p => p.Add(c => c.From, MondayDay.AddDays(1)).Add(c => c.To, MondayDay.AddDays(1)));

        Assert.Equal("0 attempts", chart.Find("#daily-summary").TextContent);
        Assert.Equal("No attempt ended in this range: no success rate to show.", chart.Find("#daily-rate-none").TextContent);
    }

    [Fact]
    public async Task A_long_range_is_cut_to_its_last_days_with_a_few_labels()
    {
        await Database.SeedAsync(Attempt(Monday.AddDays(-200)), Attempt(Monday));

        var chart = Render<DailyAttemptsChart>(p => p.Add(c => c.From, MondayDay.AddDays(-365)).Add(c => c.To, MondayDay));

        Assert.Equal("1 attempt, 100% succeeded", chart.Find("#daily-summary").TextContent);
        Assert.Equal(3 * DailyAttemptsChart.MaxDays, chart.FindAll("#daily-counts path.mud-chart-bar").Count);
        Assert.InRange(chart.FindAll("#daily-counts .mud-charts-xaxis text").Count, 2, 8);
        Assert.Contains($"The last {DailyAttemptsChart.MaxDays} days", chart.Markup);
    }

    [Fact]
    public async Task The_history_page_charts_the_last_30_days_by_default()
    {
        await Database.SeedAsync(Attempt(Now.UtcDateTime.AddDays(-29)), Attempt(Now.UtcDateTime.AddDays(-31)));

        var page = Render<IBeam.Dashboard.Components.Pages.History>();

        page.WaitForAssertion(() => Assert.Equal("1 attempt, 100% succeeded", page.Find("#daily-summary").TextContent));
        Assert.Contains("2026-02-05 to 2026-03-06", page.Find("#daily-chart").TextContent);
        Assert.Equal(3 * 30, page.FindAll("#daily-counts path.mud-chart-bar").Count);
    }
}
