using IBeam.Dashboard.Hosting;
using IBeam.Engine.Data;
using IBeam.Engine.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IBeam.Engine.Tests.Dashboard;

/// <summary>The dashboard as a visitor meets it: nothing without the operator password, set on the first visit if none is configured.</summary>
public sealed class SignInTests
{
    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_only_the_operator_password_lets_them_in()
    {
        await using var dashboard = await InProcessDashboard.StartAsync();
        await using var browser = await TestBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();

        await page.GotoAsync(new Uri(dashboard.Address, "/history").ToString());
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);

        await page.Locator("#password").FillAsync("not the password");
        await page.Locator("#signin-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#signin-error")).ToContainTextAsync("not the operator password");

        await page.Locator("#password").FillAsync(DashboardSignIn.Password);
        await page.Locator("#signin-submit").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/history");

        var actions = await AuditAsync(dashboard);
        Assert.Contains(("SignIn", false), actions);
        Assert.Contains(("SignIn", true), actions);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var dashboard = await InProcessDashboard.StartAsync();
        await using var browser = await TestBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await DashboardSignIn.SignInAsync(page, dashboard.Address.ToString());

        await page.Locator("#sign-out button").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");
        await page.GotoAsync(dashboard.Address.ToString());

        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_signed_in_operator_who_follows_a_stale_link_gets_the_dashboards_not_found_page()
    {
        await using var dashboard = await InProcessDashboard.StartAsync();
        await using var browser = await TestBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await DashboardSignIn.SignInAsync(page, dashboard.Address.ToString());

        var response = await page.GotoAsync(new Uri(dashboard.Address, "/no-such-page").ToString());

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByText("Nothing here")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited()
    {
        await using var dashboard = await InProcessDashboard.StartAsync();
        await using var browser = await TestBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(dashboard.Address, "/signin").ToString());

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.Locator("#password").FillAsync($"guess {attempt}");
            await page.Locator("#signin-submit").ClickAsync();
            await Assertions.Expect(page.Locator("#signin-error")).ToContainTextAsync("not the operator password");
        }

        // The sixth within the minute is not even checked, the right password included.
        await page.Locator("#password").FillAsync(DashboardSignIn.Password);
        await page.Locator("#signin-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#signin-error")).ToContainTextAsync("Too many attempts");
    }

    [Fact]
    public async Task Without_a_configured_password_the_first_visitor_sets_one_that_is_stored_hashed()
    {
        const string chosen = "a password chosen on the first visit";
        await using var dashboard = await InProcessDashboard.StartAsync(new Dictionary<string, string?> { ["IBEAM_DASHBOARD_PASSWORD"] = null });
        await using var browser = await TestBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();

        await page.GotoAsync(dashboard.Address.ToString());
        Assert.Equal("/setup", new Uri(page.Url).AbsolutePath);
        // The browser itself refuses a short one (minlength); the server's own checks answer the rest.
        await page.Locator("#password").FillAsync("too short");
        Assert.False(await page.Locator("#password").EvaluateAsync<bool>("input => input.checkValidity()"));
        await page.Locator("#password").FillAsync(chosen);
        await page.Locator("#confirmation").FillAsync(chosen + " but mistyped");
        await page.Locator("#setup-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#setup-error")).ToContainTextAsync("The two passwords differ");

        await page.Locator("#password").FillAsync(chosen);
        await page.Locator("#confirmation").FillAsync(chosen);
        await page.Locator("#setup-submit").ClickAsync();
        await DashboardSignIn.WaitForLiveAsync(page);

        // Once set, the first-visit page is gone and the password is what signs in.
        var second = await browser.Browser.NewPageAsync();
        await second.GotoAsync(new Uri(dashboard.Address, "/setup").ToString());
        Assert.Equal("/signin", new Uri(second.Url).AbsolutePath);
        await DashboardSignIn.SignInAsync(second, dashboard.Address.ToString(), password: chosen);

        var contexts = dashboard.Services.GetRequiredService<IDbContextFactory<IBeamDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var account = await db.OperatorAccount.SingleAsync();
        Assert.DoesNotContain(chosen, account.PasswordHash);
        Assert.StartsWith("AQAAAA", account.PasswordHash); // ASP.NET Core Identity's versioned PBKDF2 format
    }

    [Theory]
    [InlineData("http://0.0.0.0:5080", "http://127.0.0.1:5080")]
    [InlineData("http://*:5080", "http://127.0.0.1:5080")]
    [InlineData("http://+:80/", "http://127.0.0.1:80/")]
    [InlineData("http://[::]:5080", "http://127.0.0.1:5080")]
    [InlineData("https://dashboard.example:443", "https://127.0.0.1:443")]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    [InlineData("http://127.0.0.1:0", "http://127.0.0.1:0")]
    [InlineData("http://[::1]:5080", "http://[::1]:5080")]
    public void Until_a_password_is_set_the_dashboard_listens_on_loopback_only(string configured, string listened)
    {
        Assert.Equal(listened, DashboardListening.ToLoopback(configured));
    }

    private static async Task<List<(string Action, bool Succeeded)>> AuditAsync(InProcessDashboard dashboard)
    {
        var contexts = dashboard.Services.GetRequiredService<IDbContextFactory<IBeamDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        return [.. (await db.OperatorActions.AsNoTracking().ToListAsync()).Select(a => (a.Action, a.Succeeded))];
    }
}
