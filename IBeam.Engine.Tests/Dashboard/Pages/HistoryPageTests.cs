using AngleSharp.Dom;
using Bunit;
using IBeam.Engine.Data.Entities;
using IBeam.Engine.Login;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using static IBeam.Engine.Tests.Shared.AttemptData;
using HistoryPage = IBeam.Dashboard.Components.Pages.History;

namespace IBeam.Engine.Tests.Dashboard.Pages;

/// <summary>The History page over a real SQLite history: the server-paged grid, filters, a row's timeline, live reloads.</summary>
public sealed class HistoryPageTests : HistoryPageContext
{
    [Fact]
    public async Task The_table_shows_one_page_newest_first_and_the_pager_reads_the_next()
    {
        await Database.SeedAsync(EveryMinute(Monday, 30));

        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(25, Rows(page).Count));
        Assert.Equal("2026-03-02 00:29:00", Started(Rows(page)[0]));
        Assert.Contains("1-25 of 30", page.FindAll(".mud-table-pagination-caption").Select(c => c.TextContent));

        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal(5, Rows(page).Count));
        Assert.Equal(["2026-03-02 00:04:00", "2026-03-02 00:03:00", "2026-03-02 00:02:00", "2026-03-02 00:01:00", "2026-03-02 00:00:00"], Rows(page).Select(Started));
    }

    [Fact]
    public async Task The_date_filters_show_the_attempts_of_those_local_days_and_go_back_to_the_first_page()
    {
        await Database.SeedAsync(EveryMinute(Monday, 30));
        await Database.SeedAsync(EveryMinute(Monday.AddDays(1), 3, LoginOutcome.PageTimeout));
        await Database.SeedAsync(EveryMinute(Monday.AddDays(2), 2));
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(25, Rows(page).Count));
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(10, Rows(page).Count));

        page.Find("#filter-from").Change("2026-03-03");

        page.WaitForAssertion(() => Assert.Equal(5, Rows(page).Count));
        page.Find("#filter-to").Change("2026-03-03");

        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count));
        Assert.All(Rows(page), row => Assert.Equal("PageTimeout", row.QuerySelector("[data-outcome]")!.GetAttribute("data-outcome")));
        Assert.Equal(
            "history/export.csv?from=2026-03-03T00%3A00%3A00.0000000Z&to=2026-03-04T00%3A00%3A00.0000000Z",
            page.Find("#export-csv").GetAttribute("href"));
    }

    [Fact]
    public async Task Choosing_outcomes_shows_only_the_attempts_that_ended_so()
    {
        await Database.SeedAsync(
            Attempt(Monday, LoginOutcome.Succeeded),
            Attempt(Monday.AddHours(1), LoginOutcome.CodeRejected),
            Attempt(Monday.AddHours(2), LoginOutcome.PageTimeout),
            Attempt(Monday.AddHours(3), LoginOutcome.Succeeded));
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(4, Rows(page).Count));

        Choose(page, "#filter-outcomes", "CodeRejected", "PageTimeout");

        page.WaitForAssertion(() => Assert.Equal(["PageTimeout", "CodeRejected"], Outcomes(page)));
        Assert.Equal("history/export.csv?outcome=CodeRejected&outcome=PageTimeout", page.Find("#export-csv").GetAttribute("href"));
    }

    [Fact]
    public async Task Choosing_a_handler_shows_only_its_attempts()
    {
        await Database.SeedAsync(
            Attempt(Monday, handler: "GOOGLE_MSG"),
            Attempt(Monday.AddHours(1), handler: "EXTERNAL_REQUEST"),
            Attempt(Monday.AddHours(2), handler: null));
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(3, Rows(page).Count));

        Choose(page, "#filter-handler", "GOOGLE_MSG");

        page.WaitForAssertion(() => Assert.Equal("2026-03-02 00:00:00", Started(Assert.Single(Rows(page)))));
        Assert.Equal("GOOGLE_MSG", Rows(page)[0].QuerySelector("[data-field=handler]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Clicking_a_row_shows_its_steps_with_how_long_each_took_and_what_went_wrong()
    {
        var attempt = Attempt(Monday, LoginOutcome.CodeRejected);
        attempt.Steps.InsertRange(1,
        [
            new LoginAttemptStep { Step = LoginStep.PageLoaded, At = Monday.AddSeconds(0.4) },
            new LoginAttemptStep { Step = LoginStep.CodeObtained, At = Monday.AddSeconds(1.5), Detail = "••••42 from EXTERNAL_REQUEST" },
        ]);
        (attempt.CodeSource, attempt.MaskedCode) = ("EXTERNAL_REQUEST", "••••42");
        await Database.SeedAsync(attempt);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));
        Assert.Empty(page.FindAll("[data-step]"));

        Rows(page)[0].Click();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-step]").Count));
        Assert.Equal(["took 0.40 s", "took 1.10 s", "took 1.50 s", ""], page.FindAll("[data-step] [data-field=duration]").Select(d => d.TextContent));
        Assert.Equal(["+0.00 s", "+0.40 s", "+1.50 s", "+3.00 s"], page.FindAll("[data-step] [data-field=offset]").Select(d => d.TextContent));
        Assert.Equal(["Starting", "Login page loaded", "Code obtained", "Finished"], page.FindAll("[data-step] b").Select(b => b.TextContent));
        Assert.Contains("CodeRejected (test)", page.Find("[data-field=error]").TextContent);
        Assert.Contains("••••42 from EXTERNAL_REQUEST", page.Find("[data-field=code]").TextContent);
        Assert.Empty(page.FindAll("img")); // no screenshot recorded

        Rows(page)[0].Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-step]")));
    }

    [Fact]
    public async Task The_rows_chevron_opens_its_timeline_and_a_click_on_the_row_closes_it()
    {
        await Database.SeedAsync(Attempt(Monday, LoginOutcome.PageTimeout));
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));

        Rows(page)[0].QuerySelector("td button")!.Click(); // the chevron's click must not reach the row as well

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-attempt]")));
        Rows(page)[0].Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-attempt]")));
    }

    [Fact]
    public async Task An_open_timeline_stays_open_and_fills_in_when_its_login_ends()
    {
        var login = Attempt(Now.UtcDateTime.AddSeconds(-5), outcome: null);
        await Database.SeedAsync(login);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));
        Engine.Update(s => s with { Attempt = new AttemptProgress(login.Id, LoginTrigger.Maintenance, Now, LoginStep.Starting, Now) });

        // The update re-renders the grid: find and click on the renderer's thread, so the row clicked is the current one.
        await page.InvokeAsync(() => Rows(page)[0].Click());
        page.WaitForAssertion(() => Assert.Equal("under way", page.Find("[data-step] [data-field=duration]").TextContent));

        await FinishAsync(login.Id, LoginOutcome.Succeeded, Now.UtcDateTime);
        Engine.Update(s => s with { Attempt = null });

        page.WaitForAssertion(() => Assert.Equal(["Succeeded"], Outcomes(page)));
        Assert.Equal(["took 5.00 s", ""], page.FindAll("[data-step] [data-field=duration]").Select(d => d.TextContent));
    }

    [Fact]
    public async Task A_whole_code_that_reached_the_store_is_shown_masked()
    {
        var attempt = Attempt(Monday, LoginOutcome.CodeRejected);
        (attempt.CodeSource, attempt.MaskedCode) = ("EXTERNAL_REQUEST", "654321"); // as if a bug had stored it whole
        await Database.SeedAsync(attempt);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));

        Rows(page)[0].Click();

        page.WaitForAssertion(() => Assert.Contains("••••21 from EXTERNAL_REQUEST", page.Find("[data-field=code]").TextContent));
        Assert.DoesNotContain("654321", page.Markup);
    }

    [Fact]
    public async Task A_step_still_under_way_says_so_and_a_failure_shows_its_screenshot()
    {
        var running = Attempt(Monday.AddHours(1), outcome: null);
        var failed = Attempt(Monday, LoginOutcome.PageError);
        failed.Screenshot = "/var/ibeam/outputs/screenshots/20260302-000003-PageError.png";
        await Database.SeedAsync(running, failed);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));

        Rows(page)[0].Click();
        Rows(page)[1].Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-attempt]").Count));
        Assert.Equal("under way", page.Find($"[data-attempt='{running.Id}'] [data-field=duration]").TextContent);
        Assert.Equal($"history/{failed.Id}/screenshot", page.Find($"[data-attempt='{failed.Id}'] img").GetAttribute("src"));
    }

    [Fact]
    public async Task When_a_login_ends_the_table_and_the_chart_show_it_without_a_reload()
    {
        await Database.SeedAsync(Attempt(Now.UtcDateTime.AddHours(-2)));
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Single(Rows(page)));
        var login = Attempt(Now.UtcDateTime.AddMinutes(-1), LoginOutcome.InvalidCredentials);
        await Database.SeedAsync(login);

        Engine.Update(s => s with { Attempt = new AttemptProgress(login.Id, LoginTrigger.Maintenance, Now, LoginStep.Starting, Now) });
        Engine.Update(s => s with { Attempt = s.Attempt! with { Step = LoginStep.CredentialsSubmitted } });
        Assert.Single(Rows(page)); // the same login going on: nothing to read again
        Engine.Update(s => s with { Attempt = null });

        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count));
        Assert.Equal("InvalidCredentials", Outcomes(page)[0]);
        page.WaitForAssertion(() => Assert.Equal("2 attempts, 50% succeeded", page.Find("#daily-summary").TextContent));
    }

    [Fact]
    public void An_empty_history_says_so()
    {
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("No attempts match.", page.Find("#no-attempts").TextContent));
    }

    /// <summary>Ends a running login in the store as the journal does: its outcome, its end, its last step.</summary>
    private async Task FinishAsync(Guid id, LoginOutcome outcome, DateTime at)
    {
        await using var context = Database.CreateDbContext();
        var attempt = await context.Attempts.SingleAsync(a => a.Id == id);
        (attempt.Outcome, attempt.EndedAt) = (outcome, at);
        context.AttemptSteps.Add(new LoginAttemptStep { AttemptId = id, Step = LoginStep.Finished, At = at, Detail = outcome.ToString() });
        await context.SaveChangesAsync();
    }

    private IRenderedComponent<MudPopoverProvider>? _popovers;

    private IRenderedComponent<HistoryPage> RenderPage()
    {
        _popovers = Render<MudPopoverProvider>();
        return Render<HistoryPage>();
    }

    /// <summary>The attempts' rows, not the timelines opened under them.</summary>
    private static List<IElement> Rows(IRenderedComponent<HistoryPage> page) =>
        [.. page.FindAll("#attempts tbody tr.mud-table-row").Where(r => r.QuerySelector("[data-field=started]") is not null)];

    private static string Started(IElement row) => row.QuerySelector("[data-field=started]")!.TextContent;

    private static List<string?> Outcomes(IRenderedComponent<HistoryPage> page) => [.. Rows(page).Select(r => r.QuerySelector("[data-outcome]")!.GetAttribute("data-outcome"))];

    /// <summary>Opens a MudSelect by its input's id and clicks the items with these texts, one after the other.</summary>
    private void Choose(IRenderedComponent<HistoryPage> page, string select, params string[] items)
    {
        page.Find(select).Closest(".mud-input-control")!.MouseDown();
        var popover = _popovers!;
        popover.WaitForAssertion(() => Assert.NotEmpty(popover.FindAll(".mud-popover-open .mud-list-item")));
        foreach (var item in items)
        {
            popover.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == item).Click();
        }
    }
}
