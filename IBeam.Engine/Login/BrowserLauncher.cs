using IBeam.Engine.Configuration;
using IBeam.Engine.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace IBeam.Engine.Login;

/// <summary>
/// Starts headless Chromium for logins and closes it after them. Chromium runs only around a
/// login: it may be started just ahead of one that is about to come (so that its start overlaps
/// the status check), and it is closed after each login, in the background while the engine
/// checks the result; <see cref="WaitForClosedAsync"/> and disposal wait for that close.
/// </summary>
public sealed class BrowserLauncher(IOptionsMonitor<IBeamOptions> options, IEnumerable<IBrowserRequestObserver> observers, ILogger<BrowserLauncher> logger) : IAsyncDisposable
{
    public const string DebianChromium = "/usr/bin/chromium";

    // Headless, as root, on a closed network: without the background-networking flags Chromium
    // keeps trying to reach Google's services.
    internal static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--mute-audio", "--no-default-browser-check",
    ];

    /// <summary>A Playwright driver started with the process, for the first browser of a command that logs in.</summary>
    private static Task<IPlaywright>? s_earlyDriver;

    private readonly Lock _gate = new();
    private readonly List<Task> _closing = [];
    private readonly PlaywrightDriver _driver = new(TimeProvider.System);
    private readonly IBrowserRequestObserver[] _observers = [.. observers];
    private Task<BrowserSession>? _prelaunched;

    /// <summary>
    /// Starts Playwright's driver (a Node.js process, about a second to start) as the process starts,
    /// before the host is even built, for a command that is about to log in (--authenticate).
    /// Not Chromium: only the driver. It ends with the process if no login takes it.
    /// </summary>
    public static void StartDriverEarly() => Interlocked.CompareExchange(ref s_earlyDriver, Playwright.CreateAsync(), null);

    /// <summary>The Chromium executable: IBEAM_BROWSER_PATH, else Debian's, else null for Playwright's own browser.</summary>
    public string? ExecutablePath => ExecutableFor(options.CurrentValue.Login);

    /// <summary>The Chromium executable <paramref name="login"/> names: IBEAM_BROWSER_PATH, else Debian's, else null for Playwright's own browser.</summary>
    public static string? ExecutableFor(LoginOptions login) => login.BrowserPath ?? (File.Exists(DebianChromium) ? DebianChromium : null);

    /// <summary>Starts Chromium ahead of a login that is likely to follow; <see cref="ReleasePrelaunchedAsync"/> closes it if none does.</summary>
    public void Prelaunch()
    {
        lock (_gate)
        {
            _prelaunched ??= StartAsync();
        }
    }

    /// <summary>A browser for one login: the prelaunched one if there is one, else a new one.</summary>
    public async Task<BrowserSession> LaunchAsync(CancellationToken cancellationToken)
    {
        Task<BrowserSession>? prelaunched;
        lock (_gate)
        {
            (prelaunched, _prelaunched) = (_prelaunched, null);
        }

        BrowserSession? session = null;
        if (prelaunched is not null)
        {
            try
            {
                session = await prelaunched;
            }
            catch (PlaywrightException)
            {
                // Start again below: the error, if it persists, is reported from there.
            }
        }

        session ??= await StartAsync();
        session.CloseOn(cancellationToken);
        return session;
    }

    /// <summary>Closes <paramref name="session"/> without making the caller wait.</summary>
    public void CloseInBackground(BrowserSession session)
    {
        lock (_gate)
        {
            _closing.RemoveAll(t => t.IsCompleted);
            _closing.Add(session.DisposeAsync().AsTask());
        }
    }

    /// <summary>Waits until every browser closed in the background has gone.</summary>
    public async Task WaitForClosedAsync()
    {
        Task[] closing;
        lock (_gate)
        {
            closing = [.. _closing];
            _closing.Clear();
        }

        await Task.WhenAll(closing);
    }

    /// <summary>Closes a prelaunched browser that no login took.</summary>
    public async Task ReleasePrelaunchedAsync()
    {
        Task<BrowserSession>? prelaunched;
        lock (_gate)
        {
            (prelaunched, _prelaunched) = (_prelaunched, null);
        }

        if (prelaunched is null)
        {
            return;
        }

        try
        {
            await (await prelaunched).DisposeAsync();
        }
        catch (PlaywrightException)
        {
            // It never started.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleasePrelaunchedAsync();
        await WaitForClosedAsync();
        await _driver.DisposeAsync();
    }

    /// <summary>
    /// Chromium with a profile kept in <paramref name="profileDirectory"/> (cookies and local storage
    /// outlive it), for a handler that drives another site. Same flags as the login's; closed when
    /// disposed or when <paramref name="cancellationToken"/> is cancelled. Static, so that a handler
    /// needs no launcher (handlers are built while the settings are validated, before any login).
    /// </summary>
    public static async Task<BrowserSession> LaunchPersistentAsync(
        string? executablePath, string profileDirectory, IReadOnlyCollection<IBrowserRequestObserver> observers, ILogger logger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(profileDirectory);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profileDirectory, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = executablePath,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = 60_000,
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            });
            context.ReportTo(observers);
            var page = context.Pages.FirstOrDefault() ?? await context.NewPageAsync();
            EngineLog.BrowserLaunched(logger, executablePath ?? "Playwright's Chromium", context.Browser?.Version ?? "(persistent profile)");
            var session = new BrowserSession(() => context.CloseAsync(), playwright.Dispose, page);
            session.CloseOn(cancellationToken);
            return session;
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    private async Task<BrowserSession> StartAsync()
    {
        var playwright = await _driver.AcquireAsync(() => Interlocked.Exchange(ref s_earlyDriver, null) ?? Playwright.CreateAsync());
        try
        {
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
            context.ReportTo(_observers);
            var page = await context.NewPageAsync();
            EngineLog.BrowserLaunched(logger, ExecutablePath ?? "Playwright's Chromium", browser.Version);
            return new BrowserSession(() => browser.CloseAsync(), _driver.Release, page);
        }
        catch
        {
            _driver.Drop(playwright);
            throw;
        }
    }
}

/// <summary>One Chromium with one page. Disposing it, or cancelling the login it serves, closes Chromium.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly Func<Task> _close;
    private readonly Action _release;
    private readonly Lock _gate = new();
    private Task? _closing;
    private CancellationTokenRegistration _cancellation;
    private int _disposed;

    /// <param name="close">Closes Chromium: the browser, or for a persistent profile its only context.</param>
    /// <param name="release">Then lets go of Playwright's driver (stops it, or hands it back for the next login).</param>
    internal BrowserSession(Func<Task> close, Action release, IPage page)
    {
        _close = close;
        _release = release;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Playwright calls take no token: closing the browser is what makes a pending call return.</summary>
    internal void CloseOn(CancellationToken cancellationToken) =>
        _cancellation = cancellationToken.Register(() => _ = CloseBrowserAsync());

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _cancellation.DisposeAsync();
        await CloseBrowserAsync();
        _release();
    }

    /// <summary>
    /// Closes Chromium once: a cancellation and the disposal that follows it wait for the same close,
    /// so that disposal returns only once Chromium has gone (a second close call would return at once).
    /// </summary>
    private Task CloseBrowserAsync()
    {
        lock (_gate)
        {
            return _closing ??= CloseOnceAsync();
        }
    }

    private async Task CloseOnceAsync()
    {
        try
        {
            await _close();
        }
        catch (PlaywrightException)
        {
            // Already closed, or the driver is gone (which takes Chromium with it).
        }
    }
}
