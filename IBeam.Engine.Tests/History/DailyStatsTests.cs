using IBeam.Engine.Data.Queries;
using IBeam.Engine.Login;
using IBeam.Engine.Tests.Shared;
using static IBeam.Engine.Tests.Shared.AttemptData;

namespace IBeam.Engine.Tests.History;

public sealed class DailyStatsTests : IDisposable
{
    private static readonly DateOnly MondayDate = DateOnly.FromDateTime(Monday);

    private readonly TempDatabase _database = new();

    private AttemptHistory History => new(_database);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Each_day_counts_its_attempts_successes_and_failures_and_days_without_attempts_are_zero()
    {
        await _database.SeedAsync(
            Attempt(Monday.AddHours(1), LoginOutcome.Succeeded),
            Attempt(Monday.AddHours(2), LoginOutcome.CodeRejected),
            Attempt(Monday.AddHours(3), LoginOutcome.Succeeded),
            Attempt(Monday.AddHours(23.99), LoginOutcome.Succeeded),
            Attempt(Monday.AddDays(1).AddHours(5), LoginOutcome.InvalidCredentials), // Tuesday: failures only
            Attempt(Monday.AddDays(1).AddHours(6), LoginOutcome.PageTimeout),
            Attempt(Monday.AddDays(3), LoginOutcome.Succeeded)); // Thursday, outside the range

        var days = await History.DailyStatsAsync(MondayDate, MondayDate.AddDays(2));

        Assert.Equal(
            [
                new DailyAttempts(MondayDate, 4, 3, 1),
                new DailyAttempts(MondayDate.AddDays(1), 2, 0, 2),
                new DailyAttempts(MondayDate.AddDays(2), 0, 0, 0),
            ],
            days);
        Assert.Equal([0.75, 0.0, null], days.Select(d => d.SuccessRate));
    }

    [Fact]
    public async Task An_attempt_still_running_counts_as_an_attempt_but_not_in_the_success_rate()
    {
        await _database.SeedAsync(Attempt(Monday.AddHours(1), LoginOutcome.Succeeded), Attempt(Monday.AddHours(2), outcome: null));

        var day = Assert.Single(await History.DailyStatsAsync(MondayDate, MondayDate));

        Assert.Equal(new DailyAttempts(MondayDate, 2, 1, 0), day);
        Assert.Equal(1.0, day.SuccessRate);
    }

    [Fact]
    public async Task Days_are_those_of_the_time_zone_asked_for_down_to_the_quarter_hour()
    {
        // Nepal is 5:45 ahead of UTC: 18:14 UTC is 23:59 there, 18:15 UTC is already the next day.
        var nepal = TimeZoneInfo.CreateCustomTimeZone("Nepal", new TimeSpan(5, 45, 0), "Nepal", "Nepal");
        await _database.SeedAsync(Attempt(Monday.AddHours(18).AddMinutes(14)), Attempt(Monday.AddHours(18).AddMinutes(15)));

        var utc = await History.DailyStatsAsync(MondayDate, MondayDate.AddDays(1));
        var local = await History.DailyStatsAsync(MondayDate, MondayDate.AddDays(1), nepal);

        Assert.Equal([2, 0], utc.Select(d => d.Attempts));
        Assert.Equal([1, 1], local.Select(d => d.Attempts));
    }

    [Fact]
    public async Task Days_follow_a_daylight_saving_change()
    {
        // Central Europe moved to summer time on Sunday 29 March 2026 at 01:00 UTC: midnight is 23:00 UTC
        // on the Saturday and 22:00 UTC on the Sunday.
        var saturday = new DateTime(2026, 3, 28, 0, 0, 0, DateTimeKind.Utc);
        await _database.SeedAsync(
            Attempt(saturday.AddHours(22.5)), // Saturday 23:30 local
            Attempt(saturday.AddHours(23.5)), // Sunday 00:30 local
            Attempt(saturday.AddDays(1).AddHours(21.5)), // Sunday 23:30 local (summer time)
            Attempt(saturday.AddDays(1).AddHours(22.5))); // Monday 00:30 local

        var days = await History.DailyStatsAsync(DateOnly.FromDateTime(saturday), DateOnly.FromDateTime(saturday).AddDays(2), CentralEurope());

        Assert.Equal([1, 2, 1], days.Select(d => d.Attempts));
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_has_no_days() =>
        Assert.Empty(await History.DailyStatsAsync(MondayDate, MondayDate.AddDays(-1)));

    /// <summary>The European Union's rule, built here so the test does not depend on the machine's time zone data.</summary>
    private static TimeZoneInfo CentralEurope()
    {
        var summer = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            DateTime.MinValue.Date,
            DateTime.MaxValue.Date,
            TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday));
        return TimeZoneInfo.CreateCustomTimeZone("Central Europe", TimeSpan.FromHours(1), "CET", "CET", "CEST", [summer]);
    }
}
