using Microsoft.Playwright;

namespace IBeam.Engine.Login;

/// <summary>
/// Playwright's driver (a Node.js process, 0.3 to 1 s to start) shared by the logins of a burst: a
/// login retried within a pass, and the passes that follow at once, reuse it. Once no browser has
/// used it for <see cref="KeepAlive"/> it is stopped, so an idle IBeam runs neither Chromium nor
/// the driver. A driver that failed a launch is dropped, so that a dead one is never reused.
/// </summary>
internal sealed class PlaywrightDriver(TimeProvider time) : IAsyncDisposable
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private Task<IPlaywright>? _driver;
    private int _leases;
    private ITimer? _expiry;

    /// <summary>The running driver, or one started by <paramref name="start"/>; <see cref="Release"/> when its browser is closed.</summary>
    public async Task<IPlaywright> AcquireAsync(Func<Task<IPlaywright>> start)
    {
        Task<IPlaywright> driver;
        lock (_gate)
        {
            _expiry?.Dispose();
            _expiry = null;
            _leases++;
            driver = _driver ??= start();
        }

        try
        {
            return await driver;
        }
        catch
        {
            lock (_gate)
            {
                _leases--;
                if (_driver == driver)
                {
                    _driver = null;
                }
            }

            throw;
        }
    }

    /// <summary>A browser of the driver is closed; the driver stops after <see cref="KeepAlive"/> unless another login takes it.</summary>
    public void Release()
    {
        lock (_gate)
        {
            if (--_leases == 0 && _driver is not null)
            {
                _expiry = time.CreateTimer(_ => Expire(), null, KeepAlive, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>A launch with <paramref name="playwright"/> failed: it is stopped, and the next login starts a new driver.</summary>
    public void Drop(IPlaywright playwright)
    {
        lock (_gate)
        {
            _leases--;
            if (_driver is { IsCompletedSuccessfully: true } current && current.Result == playwright)
            {
                _driver = null;
            }
        }

        playwright.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Task<IPlaywright>? driver;
        lock (_gate)
        {
            (driver, _driver) = (_driver, null);
            _expiry?.Dispose();
            _expiry = null;
        }

        Stop(driver);
        return ValueTask.CompletedTask;
    }

    private void Expire()
    {
        Task<IPlaywright>? driver;
        lock (_gate)
        {
            if (_leases > 0)
            {
                return;
            }

            (driver, _driver) = (_driver, null);
            _expiry?.Dispose();
            _expiry = null;
        }

        Stop(driver);
    }

    private static void Stop(Task<IPlaywright>? driver)
    {
        if (driver is { IsCompletedSuccessfully: true })
        {
            driver.Result.Dispose();
        }
    }
}
