using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;
using Microsoft.Playwright;

namespace IBeam.Engine.Tests.Dashboard;

/// <summary>The web UI as an operator starts it: the dashboard process hosts the engine and shows its state live.</summary>
public sealed class StatusPageTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ibeam-web-").FullName;

    [Fact]
    public async Task The_status_page_follows_a_login_live_without_reloading()
    {
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.Push, PushApproveAfterMs = null });
        await using var dashboard = DashboardProcess.Start(_folder, new Dictionary<string, string?>
        {
            ["IBEAM_GATEWAY_BASE_URL"] = sandbox.GatewayUrl.ToString().TrimEnd('/'),
            ["IBEAM_ACCOUNT"] = SandboxAccount.UserName,
            ["IBEAM_PASSWORD"] = SandboxAccount.Password,
            ["IBEAM_OAUTH_TIMEOUT"] = "60",
            ["IBEAM_LOG_TO_FILE"] = "false",
            ["IBEAM_HEALTH_SERVER_PORT"] = "0",
            ["IBEAM_DASHBOARD_PASSWORD"] = DashboardSignIn.Password,
        }, "--urls=http://127.0.0.1:0");
        var address = await dashboard.WaitForLineAsync("IBeam dashboard:", TimeSpan.FromSeconds(60));
        await using var browser = await TestBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();

        await DashboardSignIn.SignInAsync(page, address);
        await Assertions.Expect(page.Locator("#phase")).ToHaveTextAsync("Awaiting push approval", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#two-factor-wait")).ToContainTextAsync("Approve the notification on your phone");

        Assert.True(sandbox.State.ApprovePush());

        await Assertions.Expect(page.Locator("#phase")).ToHaveTextAsync("Authenticated", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-flag=authenticated]")).ToHaveAttributeAsync("data-on", "true");
        Assert.Equal(1, sandbox.State.Counters.SuccessfulLogins);
    }

    [Fact]
    public async Task A_code_typed_on_the_status_page_completes_the_login()
    {
        // No handler configured: with the web dashboard running, MANUAL is the fallback.
        var sandbox = fixture.Fresh();
        await using var dashboard = DashboardProcess.Start(_folder, new Dictionary<string, string?>
        {
            ["IBEAM_GATEWAY_BASE_URL"] = sandbox.GatewayUrl.ToString().TrimEnd('/'),
            ["IBEAM_ACCOUNT"] = SandboxAccount.UserName,
            ["IBEAM_PASSWORD"] = SandboxAccount.Password,
            ["IBEAM_LOG_TO_FILE"] = "false",
            ["IBEAM_HEALTH_SERVER_PORT"] = "0",
            ["IBEAM_DASHBOARD_PASSWORD"] = DashboardSignIn.Password,
        }, "--urls=http://127.0.0.1:0");
        var address = await dashboard.WaitForLineAsync("IBeam dashboard:", TimeSpan.FromSeconds(60));
        await using var browser = await TestBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await DashboardSignIn.SignInAsync(page, address);
        await Assertions.Expect(page.Locator("#two-factor-wait")).ToContainTextAsync("Waiting for a 2FA code from MANUAL", new() { Timeout = 30_000 });

        var code = sandbox.State.Inbox[^1].Text[^6..];
        await page.Locator("#manual-code").FillAsync(code);
        await page.Locator("#manual-code").PressAsync("Enter");

        await Assertions.Expect(page.Locator("#phase")).ToHaveTextAsync("Authenticated", new() { Timeout = 30_000 });
        Assert.Equal(1, sandbox.State.Counters.SuccessfulLogins);
        Assert.DoesNotContain(code, await page.ContentAsync()); // the code is not shown once sent
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
