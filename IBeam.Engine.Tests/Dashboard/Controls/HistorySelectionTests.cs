using IBeam.Dashboard.Components.Controls;
using IBeam.Engine.Login;

namespace IBeam.Engine.Tests.Dashboard.Controls;

public sealed class HistorySelectionTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void Local_days_become_the_instants_from_the_first_days_midnight_to_the_midnight_after_the_last()
    {
        var filter = new HistorySelection { FromDay = new DateOnly(2026, 3, 7), ToDay = new DateOnly(2026, 3, 8) }.ToFilter(NewYork);

        Assert.Equal(DateTimeOffset.Parse("2026-03-07T05:00:00Z"), filter.From);
        Assert.Equal(DateTimeOffset.Parse("2026-03-09T04:00:00Z"), filter.To); // summer time began on the 8th
    }

    [Fact]
    public void Nothing_chosen_filters_nothing()
    {
        var filter = new HistorySelection { Handler = " " }.ToFilter(NewYork);

        Assert.Equal((null, null, null, null), (filter.Outcomes, filter.From, filter.To, filter.Handler));
    }

    [Fact]
    public void Outcomes_and_handler_pass_through()
    {
        var filter = new HistorySelection { Outcomes = [LoginOutcome.PageError], Handler = "TOTP" }.ToFilter(NewYork);

        Assert.Equal([LoginOutcome.PageError], filter.Outcomes!);
        Assert.Equal("TOTP", filter.Handler);
    }

    [Fact]
    public void A_day_whose_midnight_a_clock_change_skips_starts_at_its_first_existing_time()
    {
        var havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana"); // springs forward at midnight

        Assert.Equal(DateTimeOffset.Parse("2026-03-08T01:00:00-04:00"), LocalDays.Start(new DateOnly(2026, 3, 8), havana));
    }
}
