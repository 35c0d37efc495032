using System.Diagnostics;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Dashboard;

/// <summary>Stopping IBeam while an operator's page is open (docker stop gives 10 s before it kills).</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task The_dashboard_stops_without_waiting_out_the_shutdown_timeout_while_a_page_is_open()
    {
        await using var dashboard = await InProcessDashboard.StartAsync();
        await using var browser = await TestBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await DashboardSignIn.SignInAsync(page, dashboard.Address.ToString());

        var stopping = Stopwatch.StartNew();
        await dashboard.StopAsync(); // the page stays open and tries to reconnect meanwhile

        // Without the fix this takes the host's whole 30 s shutdown timeout and a hosted service's stop is cancelled.
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(20), $"stopping took {stopping.Elapsed.TotalSeconds:0.0} s");
    }
}
