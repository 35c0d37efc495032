using Microsoft.Playwright;

namespace IBeam.Engine.Tests.Shared;

/// <summary>Signs in to a dashboard as an operator does: the sign-in page, then the live page it returns to.</summary>
public static class DashboardSignIn
{
    /// <summary>The operator password the tests give their dashboards (IBEAM_DASHBOARD_PASSWORD).</summary>
    public const string Password = "test operator password";

    public static async Task SignInAsync(IPage page, string address, string path = "/", string password = Password)
    {
        await page.GotoAsync(address.TrimEnd('/') + path);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#signin-submit").ClickAsync();
        await WaitForLiveAsync(page);
    }

    /// <summary>Waits until the page's circuit is connected (its #live marker), so that it reacts to clicks.</summary>
    public static Task WaitForLiveAsync(IPage page) =>
        page.Locator("#live:text('connected')").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
}
