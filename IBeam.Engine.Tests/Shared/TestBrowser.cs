using IBeam.Engine.Login;
using Microsoft.Playwright;

namespace IBeam.Engine.Tests.Shared;

/// <summary>Headless Chromium for tests that look at the dashboard as an operator would.</summary>
public sealed class TestBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private TestBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<TestBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = File.Exists(BrowserLauncher.DebianChromium) ? BrowserLauncher.DebianChromium : null,
            Headless = true,
            Args = BrowserLauncher.ChromiumArgs,
        });
        return new TestBrowser(playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}
