using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IBeam.Engine.Tests.Dashboard;

/// <summary>
/// The README's quick start as a newcomer lives it, in real Chromium against the real app in
/// sandbox mode: sign in, watch the login reach its 2FA step live, read the code on the sandbox's
/// phone, type it on the Two-factor page, see the session authenticated and the attempt in History
/// with its steps. With DOCS_SCREENSHOTS set to a folder, it also takes the README's
/// screenshots on the way (IBeam.Dashboard/docs), so they are always of the app as it is.
/// </summary>
public sealed class NewcomerWalkthroughTests
{
    private static readonly string? ScreenshotFolder = Environment.GetEnvironmentVariable("DOCS_SCREENSHOTS");

    [Fact]
    public async Task A_newcomer_signs_in_watches_the_sandbox_login_types_the_phones_code_and_finds_the_attempt_in_history()
    {
        await using var dashboard = await InProcessDashboard.StartAsync(sandbox: true);
        var engine = dashboard.Services.GetRequiredService<EngineState>();
        await using var browser = await TestBrowser.LaunchAsync();
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        // What a newcomer would see in the browser's console: a missing file, a CSP refusal, a script error.
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (consoleErrors) consoleErrors.Add(message.Text); };
        page.PageError += (_, error) => { lock (consoleErrors) consoleErrors.Add(error); };

        await page.GotoAsync(dashboard.Address.ToString());
        await Assertions.Expect(page.Locator("#password")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "signin");
        await page.Locator("#password").FillAsync(DashboardSignIn.Password);
        await page.Locator("#signin-submit").ClickAsync();
        await DashboardSignIn.WaitForLiveAsync(page);

        // The status page follows the login by itself until it waits for the operator's code.
        await Assertions.Expect(page.Locator("#phase")).ToContainTextAsync("Awaiting 2FA code", new() { Timeout = 30_000 });
        await ScreenshotAsync(page, "status-waiting");

        // The phone, as a person reads it.
        var phone = await context.NewPageAsync();
        await phone.GotoAsync(dashboard.Sandbox!.PhoneUrl.ToString());
        var code = await phone.Locator(".sms .code").First.TextContentAsync();
        Assert.Matches("^[0-9]{6}$", code);

        // Through the menu, with the phone's tab still open. The Status page has a code field too, so the
        // test waits for an element only the Two-factor page has: typing earlier would fill the field of the
        // page being replaced.
        await page.BringToFrontAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Two-factor" }).ClickAsync();
        await Assertions.Expect(page.Locator("#two-factor-handler")).ToContainTextAsync("MANUAL");
        await Assertions.Expect(page.Locator("#two-factor-wait")).ToContainTextAsync("Waiting for a 2FA code from MANUAL");
        await ScreenshotAsync(page, "two-factor");
        await PhoneScreenshotAsync(browser, dashboard);
        await page.Locator("#manual-code").FillAsync(code!);
        await Assertions.Expect(page.Locator("#manual-code-submit")).ToBeEnabledAsync(); // the circuit has the code
        await page.Locator("#manual-code-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#two-factor-idle")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await engine.WaitForAsync(s => s.Gateway.Authenticated && s.Attempt is null);

        await page.GetByRole(AriaRole.Link, new() { Name = "Status" }).ClickAsync();
        await Assertions.Expect(page.Locator("#phase")).ToContainTextAsync("Authenticated");
        await ScreenshotAsync(page, "status-authenticated");

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        var row = page.Locator("#attempts tbody tr").Filter(new() { HasText = "Succeeded" }).First;
        await Assertions.Expect(row).ToContainTextAsync("MANUAL");
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("[data-step=CodeSubmitted]")).ToBeVisibleAsync();
        Assert.DoesNotContain(code!, await page.ContentAsync());
        await ScreenshotAsync(page, "history");
        lock (consoleErrors) Assert.Empty(consoleErrors);

        Assert.Equal(1, dashboard.Sandbox.State.Counters.SuccessfulLogins);
    }

    /// <summary>The code is often typed from a phone: the same page, as it waits, on a phone's screen.</summary>
    private static async Task PhoneScreenshotAsync(TestBrowser browser, InProcessDashboard dashboard)
    {
        if (ScreenshotFolder is null)
        {
            return;
        }

        await using var small = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true });
        var mobile = await small.NewPageAsync();
        await DashboardSignIn.SignInAsync(mobile, dashboard.Address.ToString(), "/two-factor");
        await Assertions.Expect(mobile.Locator("#two-factor-wait")).ToContainTextAsync("Waiting for a 2FA code from MANUAL");
        await ScreenshotAsync(mobile, "two-factor-phone");
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (ScreenshotFolder is null)
        {
            return;
        }

        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = false });
    }
}
