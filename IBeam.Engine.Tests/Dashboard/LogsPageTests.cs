using Bunit;
using IBeam.Dashboard.Components.Controls.Logs;
using IBeam.Dashboard.Components.Pages;
using IBeam.Engine.Data.Entities;
using IBeam.Engine.Logging;
using IBeam.Engine.Tests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;

namespace IBeam.Engine.Tests.Dashboard;

/// <summary>The Logs page's live tail: fed by the log feed's notifications, never by a timer.</summary>
public sealed class LogsPageTests : LogsTestContext
{
    private readonly LogFeed _feed = new();

    public LogsPageTests() => Services.AddSingleton(_feed);

    [Fact]
    public void The_tail_shows_the_newest_events_then_adds_those_a_notification_announces()
    {
        var page = RenderTail(Entry(LogEventLevel.Information, "Gateway started"), Entry(LogEventLevel.Warning, "Gateway refused /v1/api/tickle with HTTP 401"));
        Assert.Equal([2, 1], Ids(page));

        Database.Add(Entry(LogEventLevel.Error, "Gateway answer could not be read", exception: "System.Text.Json.JsonException: '<' is an invalid start"));
        Assert.Equal([2, 1], Ids(page)); // written, not yet announced: the page does not look by itself
        _feed.Written(3);

        page.WaitForAssertion(() => Assert.Equal([3, 2, 1], Ids(page)));
        var newest = page.Find("#tail-entries [data-id='3']");
        Assert.Contains("Error", newest.QuerySelector(".mud-chip")!.TextContent);
        Assert.Contains("mud-chip-color-error", newest.QuerySelector(".mud-chip")!.ClassName);
        Assert.Equal("Gateway answer could not be read", newest.QuerySelector(".log-message")!.TextContent);
        Assert.Contains("JsonException", newest.QuerySelector("details.log-exception pre")!.TextContent);
        Assert.Equal("Test", newest.QuerySelector(".log-category")!.TextContent); // the class name; the full one in its title
    }

    [Fact]
    public void An_event_logged_through_Serilog_reaches_the_open_tail_as_plain_text_and_without_its_properties()
    {
        var page = RenderTail();

        // The real pipeline: Serilog, the database log's queue and writer, then the writer's notification.
        using (var log = new LoggerConfiguration().WriteTo.IBeamDatabase(Database.Location, new SqliteLogOptions(), feed: _feed).CreateLogger())
        {
            log.ForContext("Password", "hunter2-not-for-eyes").Warning("Gateway answered {Reply}", "<b>refused</b>");
        }

        page.WaitForAssertion(() => Assert.Single(Ids(page)));
        var message = page.Find("#tail-entries .log-message");
        Assert.Equal("Gateway answered <b>refused</b>", message.TextContent); // as typed, not quoted
        Assert.Empty(message.QuerySelectorAll("b")); // shown as text, never as markup
        Assert.DoesNotContain("hunter2", page.Markup); // only the rendered message is stored and shown, no property
        Assert.Empty(page.FindAll("#tail-empty"));
    }

    [Fact]
    public void The_tail_keeps_only_the_newest_entries_when_many_arrive()
    {
        var page = RenderTail(Entry(LogEventLevel.Debug, "Before"));

        Database.Add(Enumerable.Range(1, LogTail.MaxEntries + 20).Select(n => Entry(LogEventLevel.Debug, $"Event {n}")));
        _feed.Written(LogTail.MaxEntries + 21);

        page.WaitForAssertion(() => Assert.Equal(LogTail.MaxEntries + 21L, Ids(page)[0]));
        var ids = Ids(page);
        Assert.Equal(LogTail.MaxEntries, ids.Count);
        Assert.Equal(22, ids[^1]);
        Assert.Contains("older ones: use Search", page.Find("#tail-summary").TextContent);
    }

    [Fact]
    public void A_paused_tail_holds_still_and_catches_up_on_resuming()
    {
        var page = RenderTail(Entry(LogEventLevel.Information, "First"));

        page.Find("#tail-pause").Change(true);
        Database.Add(Entry(LogEventLevel.Information, "While paused"));
        _feed.Written(2);
        page.WaitForAssertion(() => Assert.Contains("newer events waiting", page.Find("#tail-summary").TextContent));
        Assert.Equal([1], Ids(page)); // the notification arrived, and the list stayed still

        page.Find("#tail-pause").Change(false);
        page.WaitForAssertion(() => Assert.Equal([2, 1], Ids(page)));
    }

    [Fact]
    public async Task Switching_to_search_ends_the_tails_watch()
    {
        var page = RenderTail();
        Assert.Equal(1, _feed.Watchers);

        page.Find("#mode-search").Click();

        page.WaitForAssertion(() => page.Find("#search-entries"));
        Assert.Empty(page.FindAll("#tail-entries"));
        await Eventually.HoldsAsync(() => _feed.Watchers == 0, "the tail stops watching the feed");
    }

    [Fact]
    public void A_link_asking_for_the_search_opens_it_and_starts_no_watch()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/logs?mode=search");
        Database.Add(Entry(LogEventLevel.Information, "Gateway started"));

        var page = RenderWithPopovers<Logs>();

        page.WaitForAssertion(() => Assert.Equal([1], Ids(page, "search-entries")));
        Assert.Empty(page.FindAll("#tail-entries"));
        Assert.Equal(0, _feed.Watchers);
    }

    /// <summary>The page on its tail, once the tail shows <paramref name="stored"/> (or says that nothing is logged).</summary>
    private IRenderedComponent<Logs> RenderTail(params LogEntry[] stored)
    {
        Database.Add(stored);
        var page = RenderWithPopovers<Logs>();
        page.WaitForAssertion(() => Assert.True(stored.Length == 0 ? page.FindAll("#tail-empty").Count == 1 : Ids(page).Count == stored.Length));
        return page;
    }

    private static List<long> Ids(IRenderedComponent<Logs> page) => Ids(page, "tail-entries");
}
