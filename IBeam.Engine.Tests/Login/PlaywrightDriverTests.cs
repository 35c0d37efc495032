using IBeam.Engine.Login;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace IBeam.Engine.Tests.Login;

/// <summary>The driver is kept for the logins of a burst and stopped once idle.</summary>
public sealed class PlaywrightDriverTests
{
    private readonly FakeTimeProvider _time = new();
    private int _starts;

    [Fact]
    public async Task Logins_that_follow_each_other_share_one_driver_and_an_idle_one_is_stopped()
    {
        await using var driver = new PlaywrightDriver(_time);

        var first = await driver.AcquireAsync(StartAsync);
        driver.Release();
        _time.Advance(PlaywrightDriver.KeepAlive - TimeSpan.FromSeconds(1));
        var second = await driver.AcquireAsync(StartAsync);

        Assert.Same(first, second);
        Assert.Equal(1, _starts);

        driver.Release();
        _time.Advance(PlaywrightDriver.KeepAlive);
        var third = await driver.AcquireAsync(StartAsync);

        Assert.NotSame(first, third);
        Assert.Equal(2, _starts);
        driver.Release();
    }

    [Fact]
    public async Task A_driver_in_use_is_not_stopped_however_long_the_login()
    {
        await using var driver = new PlaywrightDriver(_time);
        var first = await driver.AcquireAsync(StartAsync);
        var second = await driver.AcquireAsync(StartAsync);
        driver.Release();

        _time.Advance(PlaywrightDriver.KeepAlive * 3);

        Assert.Same(first, second);
        Assert.Same(first, await driver.AcquireAsync(StartAsync));
        Assert.Equal(1, _starts);
        driver.Release();
        driver.Release();
    }

    [Fact]
    public async Task A_driver_that_failed_a_launch_is_not_reused()
    {
        await using var driver = new PlaywrightDriver(_time);
        var failed = await driver.AcquireAsync(StartAsync);

        driver.Drop(failed);

        Assert.NotSame(failed, await driver.AcquireAsync(StartAsync));
        Assert.Equal(2, _starts);
        driver.Release();
    }

    private Task<IPlaywright> StartAsync()
    {
        _starts++;
        return Playwright.CreateAsync();
    }
}
