using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IBeam.Engine.Tests.Dashboard;

/// <summary>The Two-factor page in real Chromium against a sandbox login.</summary>
public sealed class TwoFactorPageTests
{
    [Fact]
    public async Task A_code_typed_on_the_two_factor_page_completes_the_login_and_is_not_shown_again()
    {
        await using var dashboard = await InProcessDashboard.StartAsync(sandbox: true);
        var engine = dashboard.Services.GetRequiredService<EngineState>();
        await using var browser = await TestBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await DashboardSignIn.SignInAsync(page, dashboard.Address.ToString(), "/two-factor");

        await Assertions.Expect(page.Locator("#two-factor-wait")).ToContainTextAsync("Waiting for a 2FA code from MANUAL", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("ibeam-countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[0-9]+:[0-5][0-9]$"));

        // A pasted code with the spaces a phone adds; Enter submits it.
        var code = dashboard.Sandbox!.State.Inbox[^1].Text[^6..];
        await page.Locator("#manual-code").FillAsync($" {code} ");
        await page.Locator("#manual-code").PressAsync("Enter");

        await engine.WaitForAsync(s => s.Gateway.Authenticated && s.Attempt is null);
        await Assertions.Expect(page.Locator("#two-factor-idle")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#last-code")).ToContainTextAsync("from MANUAL");
        Assert.DoesNotContain(code, await page.ContentAsync());
        Assert.Equal(1, dashboard.Sandbox.State.Counters.SuccessfulLogins);
    }

    [Fact]
    public async Task A_malformed_code_is_refused_on_the_page_and_never_reaches_the_gateway()
    {
        await using var dashboard = await InProcessDashboard.StartAsync(sandbox: true);
        var engine = dashboard.Services.GetRequiredService<EngineState>();
        await using var browser = await TestBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await DashboardSignIn.SignInAsync(page, dashboard.Address.ToString(), "/two-factor");
        await engine.WaitForAsync(s => s.TwoFactor?.Handler == "MANUAL");
        var submissionsBefore = dashboard.Sandbox!.State.Counters.CodeSubmissions;

        await page.Locator("#manual-code").FillAsync("12345");
        await page.Locator("#manual-code-submit").ClickAsync();

        await Assertions.Expect(page.Locator("#manual-code-result")).ToContainTextAsync("The login still waits for a code");
        Assert.Equal("MANUAL", engine.Current.TwoFactor?.Handler);
        Assert.Equal(submissionsBefore, dashboard.Sandbox.State.Counters.CodeSubmissions);
    }

    [Fact]
    public async Task During_google_messages_pairing_the_page_shows_the_qr_drawn_locally_and_once_scanned_the_login_completes()
    {
        await using var dashboard = await InProcessDashboard.StartAsync(new Dictionary<string, string?> { ["IBEAM_TWO_FA_HANDLER"] = "GOOGLE_MSG" }, sandbox: true);
        var engine = dashboard.Services.GetRequiredService<EngineState>();
        await using var browser = await TestBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await DashboardSignIn.SignInAsync(page, dashboard.Address.ToString(), "/two-factor");

        var qr = page.Locator("#pairing-qr");
        await Assertions.Expect(qr).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#pairing")).ToContainTextAsync("GOOGLE_MSG needs pairing");
        Assert.StartsWith("data:image/png;base64,", await qr.GetAttributeAsync("src"));
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR image decodes in the browser (the CSP allows it)");

        await MessagesPhone.ScanAsync(dashboard.Sandbox!, engine.Current.TwoFactor!.Pairing!.QrPayload);

        await engine.WaitForAsync(s => s.Gateway.Authenticated && s.Attempt is null);
        await Assertions.Expect(page.Locator("#pairing")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#last-code")).ToContainTextAsync("from GOOGLE_MSG");
    }
}
