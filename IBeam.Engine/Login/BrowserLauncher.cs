using IBeam.Engine.Configuration;
using IBeam.Engine.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace IBeam.Engine.Login;

/// <summary>
/// Starts headless Chromium for one login. Chromium runs only while a login runs: the session
/// closes it when disposed, also on failure and cancellation.
/// </summary>
public sealed class BrowserLauncher(IOptions<IBeamOptions> options, ILogger<BrowserLauncher> logger)
{
    public const string DebianChromium = "/usr/bin/chromium";

    // Headless, as root, on a closed network: without the background-networking flags Chromium
    // keeps trying to reach Google's services.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--mute-audio", "--no-default-browser-check",
    ];

    /// <summary>The Chromium executable: IBEAM_BROWSER_PATH, else Debian's, else null for Playwright's own browser.</summary>
    public string? ExecutablePath => options.Value.Login.BrowserPath ?? (File.Exists(DebianChromium) ? DebianChromium : null);

    public async Task<BrowserSession> LaunchAsync(CancellationToken cancellationToken)
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = 60_000,
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                // The gateway's certificate is self-signed; the API client checks it when the operator provides cacert.pem.
                IgnoreHTTPSErrors = true,
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            });
            var page = await context.NewPageAsync();
            EngineLog.BrowserLaunched(logger, ExecutablePath ?? "Playwright's Chromium", browser.Version);
            return new BrowserSession(playwright, browser, page, cancellationToken);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}

/// <summary>One Chromium with one page. Disposing it, or cancelling its token, closes Chromium.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly CancellationTokenRegistration _cancellation;
    private int _disposed;

    internal BrowserSession(IPlaywright playwright, IBrowser browser, IPage page, CancellationToken cancellationToken)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;

        // Playwright calls take no token: closing the browser is what makes a pending call return.
        _cancellation = cancellationToken.Register(() => _ = CloseBrowserAsync());
    }

    public IPage Page { get; }

    public async ValueTask DisposeAsync()
    {
        await _cancellation.DisposeAsync();
        await CloseBrowserAsync();
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _playwright.Dispose();
        }
    }

    private async Task CloseBrowserAsync()
    {
        try
        {
            await _browser.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // Already closed, or the driver is gone (which takes Chromium with it).
        }
    }
}
