using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IBeam.Engine.Tests.Dashboard;

/// <summary>The code is often typed from a phone: every page has to fit a phone's screen.</summary>
public sealed class PhoneLayoutTests
{
    [Fact]
    public async Task On_a_phone_the_code_can_be_typed_and_no_page_is_wider_than_the_screen()
    {
        await using var dashboard = await InProcessDashboard.StartAsync(sandbox: true);
        var engine = dashboard.Services.GetRequiredService<EngineState>();
        await using var browser = await TestBrowser.LaunchAsync();
        var phone = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true });
        var page = await phone.NewPageAsync();
        await DashboardSignIn.SignInAsync(page, dashboard.Address.ToString(), "/two-factor");

        await Assertions.Expect(page.Locator("#two-factor-wait")).ToContainTextAsync("Waiting for a 2FA code from MANUAL", new() { Timeout = 30_000 });
        await AssertFitsTheScreenAsync(page, "/two-factor");
        var code = dashboard.Sandbox!.State.Inbox[^1].Text[^6..];
        await page.Locator("#manual-code").TapAsync();
        await page.Locator("#manual-code").FillAsync(code);
        await page.Locator("#manual-code-submit").TapAsync();
        await engine.WaitForAsync(s => s.Gateway.Authenticated && s.Attempt is null);

        foreach (var (path, ready) in new[]
        {
            ("/", "#phase"),
            ("/history", "#attempts tbody tr"),
            ("/logs", "#tail-summary"),
            ("/settings", "#setting-search"),
        })
        {
            await page.GotoAsync(new Uri(dashboard.Address, path).ToString());
            await DashboardSignIn.WaitForLiveAsync(page);
            await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync();
            await AssertFitsTheScreenAsync(page, path);
        }
    }

    private static async Task AssertFitsTheScreenAsync(IPage page, string path)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var folder = Environment.GetEnvironmentVariable("PHONE_SCREENSHOTS");
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"phone{path.Replace('/', '-')}.png"), FullPage = true });
        }

        Assert.True(widths[0] <= widths[1], $"{path} is {widths[0]} px wide on a {widths[1]} px screen: the phone would scroll sideways");

        // Nor may a part of the page cut its content off or scroll it sideways within itself.
        var clipped = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.mud-main-content *')]
                .filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}: ${e.scrollWidth} px in ${e.clientWidth} px`)
            """);
        Assert.True(clipped.Length == 0, $"{path} cuts off or scrolls sideways: {string.Join("; ", clipped)}");
    }
}
