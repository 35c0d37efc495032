using System.Globalization;
using Bunit;
using IBeam.Dashboard.Components.Controls.Logs;
using IBeam.Engine.Tests.Shared;
using Serilog.Events;

namespace IBeam.Engine.Tests.Dashboard;

/// <summary>The Logs page's search: levels, words and a time range narrow it; older and newer pages follow.</summary>
public sealed class LogSearchTests : LogsTestContext
{
    public LogSearchTests() => Database.Add(
        Entry(LogEventLevel.Information, "Gateway started (pid 4242)", Noon.AddDays(-3)),
        Entry(LogEventLevel.Warning, "Gateway refused /v1/api/tickle with HTTP 401", Noon.AddDays(-2)),
        Entry(LogEventLevel.Error, "Gateway answer from /v1/api/tickle could not be read", Noon.AddDays(-1)),
        Entry(LogEventLevel.Debug, "Status poll 3 of 120: not yet authenticated", Noon.AddHours(-1)),
        Entry(LogEventLevel.Fatal, "######## ATTENTION ######## 5 consecutive failed logins", Noon));

    [Fact]
    public void Without_filters_every_event_shows_newest_first()
    {
        var search = RenderWithPopovers<LogSearch>();

        search.WaitForAssertion(() => Assert.Equal([5, 4, 3, 2, 1], Ids(search)));
    }

    [Fact]
    public void Deselecting_levels_leaves_only_the_others()
    {
        var search = RenderLoaded();

        foreach (var level in new[] { LogEventLevel.Verbose, LogEventLevel.Debug, LogEventLevel.Information })
        {
            search.Find($"#search-levels [data-level='{(int)level}']").Click();
        }

        search.WaitForAssertion(() => Assert.Equal([5, 3, 2], Ids(search))); // warning and above
    }

    [Fact]
    public void Words_find_the_events_that_contain_them_all()
    {
        var search = RenderLoaded();

        search.Find("#search-text").Input("tickle refused");
        search.Find("#search-run").Click();

        search.WaitForAssertion(() => Assert.Equal([2], Ids(search)));
        Assert.Contains("HTTP 401", search.Find("#search-entries").TextContent);
    }

    [Fact]
    public void A_time_range_in_local_time_keeps_the_events_within_it()
    {
        var search = RenderLoaded();

        search.Find("#search-from").Change(Local(Noon.AddDays(-2).AddMinutes(-1)));
        search.Find("#search-to").Change(Local(Noon.AddHours(-2)));
        search.Find("#search-run").Click();

        search.WaitForAssertion(() => Assert.Equal([3, 2], Ids(search)));
    }

    [Theory]
    [InlineData("yesterday-ish", "", "From is not a date and time: yesterday-ish")]
    [InlineData("", "2026-13-01T10:00", "To is not a date and time")]
    [InlineData("2026-05-01T12:00", "2026-04-30T12:00", "From must be before To")]
    public void Times_that_make_no_range_are_reported_instead_of_searched(string from, string to, string error)
    {
        var search = RenderLoaded();

        search.Find("#search-from").Change(from);
        search.Find("#search-to").Change(to);
        search.Find("#search-run").Click();

        search.WaitForAssertion(() => Assert.Contains(error, search.Find("#search-error").TextContent));
        Assert.Empty(Ids(search));
    }

    [Fact]
    public void Older_and_newer_pages_follow_the_first()
    {
        var search = RenderWithMorePages();
        Assert.True(search.Find("#search-newer").HasAttribute("disabled"));

        search.Find("#search-older").Click();

        search.WaitForAssertion(() => Assert.Equal([5, 4, 3, 2, 1], Ids(search)));
        Assert.True(search.Find("#search-older").HasAttribute("disabled"));
        Assert.Contains("Page 2", search.Find("#search-page").TextContent);

        search.Find("#search-newer").Click();
        search.WaitForAssertion(() => Assert.Equal(LogSearch.PageSize + 5L, Ids(search)[0]));
    }

    [Fact]
    public void Older_pages_are_of_the_search_that_was_run_not_of_words_typed_since()
    {
        var search = RenderWithMorePages();

        search.Find("#search-text").Input("ATTENTION"); // typed, not searched
        search.Find("#search-older").Click();

        search.WaitForAssertion(() => Assert.Equal([5, 4, 3, 2, 1], Ids(search)));
        Assert.Contains("Page 2", search.Find("#search-page").TextContent);
    }

    /// <summary>The search with its first page shown.</summary>
    private IRenderedComponent<LogSearch> RenderLoaded()
    {
        var search = RenderWithPopovers<LogSearch>();
        search.WaitForAssertion(() => Assert.Equal(5, Ids(search).Count));
        return search;
    }

    /// <summary>A page of newer events on top of the five: the five make the second page.</summary>
    private IRenderedComponent<LogSearch> RenderWithMorePages()
    {
        Database.Add(Enumerable.Range(1, LogSearch.PageSize).Select(n => Entry(LogEventLevel.Verbose, $"Event {n}", Noon.AddMinutes(n))));
        var search = RenderWithPopovers<LogSearch>();
        search.WaitForAssertion(() => Assert.Equal(LogSearch.PageSize, Ids(search).Count));
        return search;
    }

    private static List<long> Ids(IRenderedComponent<LogSearch> search) => Ids(search, "search-entries");

    /// <summary>As a browser's date-time-local field sends it, in the server's local time.</summary>
    private static string Local(DateTime utc) => utc.ToLocalTime().ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
