using System.Globalization;
using System.Text;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IBeam.Engine.Tests.Benchmarks;

/// <summary>
/// How soon a change the engine publishes shows in open Status pages of the real dashboard (in Chromium,
/// through Blazor's circuit), with one page open and with many. Writes the "live-updates" section of BENCHMARKS.md.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkReport.Collection)]
public sealed class LiveUpdateBenchmark(ITestOutputHelper output)
{
    private const int ChangesOnOnePage = 40;
    private const int ManyPages = 25;
    private const int ChangesOnManyPages = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Run in the page before a change: resolves, with the page's wall clock in ms, once the page renders
    /// snapshot <c>version</c> (#live's data-version) or a later one. A MutationObserver sees the DOM change as Blazor applies it.
    /// </summary>
    private const string WatchScript = """
        version => {
            const shown = () => Number(document.querySelector('#live')?.dataset.version) >= version;
            window.ibeamShown = new Promise(resolve => {
                const observer = new MutationObserver(() => {
                    if (shown()) { observer.disconnect(); resolve(Date.now()); }
                });
                observer.observe(document.body, { attributes: true, attributeFilter: ['data-version'], childList: true, subtree: true });
                if (shown()) { observer.disconnect(); resolve(Date.now()); }
            });
        }
        """;

    [Fact]
    public async Task Engine_state_changes_show_in_open_status_pages()
    {
        var machine = BenchmarkReport.Machine;
        await using var dashboard = await InProcessDashboard.StartAsync();
        await using var browser = await TestBrowser.LaunchAsync();
        var context = await browser.Browser.NewContextAsync();
        var state = dashboard.Services.GetRequiredService<EngineState>();
        var pages = new List<IPage> { await context.NewPageAsync() };
        await DashboardSignIn.SignInAsync(pages[0], dashboard.Address.ToString());

        var onePage = await MeasureAsync(state, pages, ChangesOnOnePage);
        while (pages.Count < ManyPages)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(dashboard.Address.ToString());
            await DashboardSignIn.WaitForLiveAsync(page);
            pages.Add(page);
        }

        var manyPages = await MeasureAsync(state, pages, ChangesOnManyPages);
        var lastOfMany = manyPages.Chunk(ManyPages).Select(change => change.Max()).ToList();

        var report = new StringBuilder()
            .AppendLine("## Live updates in the dashboard")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{machine} The real dashboard in this process (`InProcessDashboard`, maintenance inactive), signed in from headless Chromium, its Status page open. Each change is one `EngineState.Update` (the failed-submissions count goes up by one); a change is timed from the moment before it is published to the moment the page's DOM shows its snapshot version (#live's data-version, seen by a MutationObserver; the page's Date.now() against this process's wall clock, both this machine's, so a sample is good to about 1 ms). One warm-up change, then {ChangesOnOnePage} changes with one page, and {ChangesOnManyPages} changes with {ManyPages} pages open at once (one circuit each), each page's time a sample; the next change waits until every page showed the last one.")
            .AppendLine()
            .Append(BenchmarkReport.LatencyTable(
            [
                new Latency("Engine state change → visible in an open Status page", onePage, 500),
                new Latency($"Same, with {ManyPages} dashboard pages open at once (every page's time)", manyPages, 1000),
                new Latency($"Same, {ManyPages} pages: until the last of them shows it (one sample per change)", lastOfMany, 1000),
            ]))
            .ToString();
        output.WriteLine(report);
        BenchmarkReport.WriteSection("live-updates", report);
    }

    /// <summary>Publishes one warm-up change and then <paramref name="changes"/> more, one at a time; each page's delay for each, in ms.</summary>
    private static async Task<List<double>> MeasureAsync(EngineState state, IReadOnlyList<IPage> pages, int changes)
    {
        var delays = new List<double>();
        for (var change = 0; change <= changes; change++)
        {
            var version = state.Current.Version + 1;
            await Task.WhenAll(pages.Select(p => p.EvaluateAsync(WatchScript, version)));
            var published = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
            var snapshot = state.Update(s => s with { FailedSubmissions = s.FailedSubmissions + 1 });
            var shown = await Task.WhenAll(pages.Select(p => p.EvaluateAsync<double>("() => window.ibeamShown").WaitAsync(Patience)));
            if (change > 0 && snapshot.Version == version)
            {
                // Were another snapshot published in between (the engine is inactive, so none should be), the sample would not time this change.
                delays.AddRange(shown.Select(at => at - published));
            }
        }

        return delays;
    }
}
