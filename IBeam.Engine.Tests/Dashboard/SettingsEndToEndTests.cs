using IBeam.Engine.Configuration;
using IBeam.Engine.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace IBeam.Engine.Tests.Dashboard;

/// <summary>The Settings page in real Chromium against the real app: an edit is validated, applied and kept; a locked setting offers no edit.</summary>
public sealed class SettingsEndToEndTests
{
    [Fact]
    public async Task An_edit_is_validated_then_applied_and_kept_and_a_setting_given_on_the_command_line_cannot_be_edited()
    {
        await using var dashboard = await InProcessDashboard.StartAsync();
        await using var browser = await TestBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await DashboardSignIn.SignInAsync(page, dashboard.Address.ToString(), "/settings");

        // Given on the command line (InProcessDashboard passes it so): locked, with no way to edit it.
        await Assertions.Expect(page.Locator("[data-locked=IBEAM_OUTPUTS_DIR]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-edit=IBEAM_OUTPUTS_DIR]")).ToHaveCountAsync(0);

        await page.Locator("[data-edit=IBEAM_MAINTENANCE_INTERVAL]").ClickAsync();
        await page.Locator("#setting-value").FillAsync("soon");
        await page.Locator("#setting-save").ClickAsync();
        await Assertions.Expect(page.Locator("#setting-problems")).ToContainTextAsync("IBEAM_MAINTENANCE_INTERVAL");

        await page.Locator("#setting-value").FillAsync("90");
        await page.Locator("#setting-save").ClickAsync();
        await Assertions.Expect(page.Locator("#setting-value")).ToHaveCountAsync(0); // the dialog closed
        var options = dashboard.Services.GetRequiredService<IOptionsMonitor<IBeamOptions>>();
        Assert.Equal(TimeSpan.FromSeconds(90), options.CurrentValue.Maintenance.Interval);

        // Kept: a fresh page shows the stored value and where it comes from.
        await page.ReloadAsync();
        await DashboardSignIn.WaitForLiveAsync(page);
        var card = page.Locator("[data-setting=IBEAM_MAINTENANCE_INTERVAL]");
        await Assertions.Expect(card.Locator("[data-value]")).ToHaveTextAsync("90");
        await Assertions.Expect(card.Locator("[data-source]")).ToHaveAttributeAsync("data-source", "Stored");
    }
}
