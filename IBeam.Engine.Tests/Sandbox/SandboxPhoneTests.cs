using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;
using Microsoft.Playwright;

namespace IBeam.Engine.Tests.Sandbox;

/// <summary>The sandbox's phone screen, where a person trying the dashboard reads the code to type.</summary>
public sealed class SandboxPhoneTests : IAsyncLifetime
{
    private SandboxGateway _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxGateway.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task The_phone_shows_each_SMS_as_it_arrives_with_its_code_large()
    {
        await using var browser = await TestBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(_sandbox.PhoneUrl.ToString());
        await Assertions.Expect(page.Locator("#inbox")).ToHaveTextAsync("No messages yet.");

        _sandbox.State.ReceiveSms("IBKR", "Your requested authentication code: 402913");

        await Assertions.Expect(page.Locator(".sms.unread .code")).ToHaveTextAsync("402913");
        await Assertions.Expect(page.Locator(".sms .from")).ToHaveTextAsync("IBKR");
    }

    [Fact]
    public async Task The_phone_says_when_no_notification_waits_for_approval()
    {
        await using var browser = await TestBrowser.LaunchAsync();
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(_sandbox.PhoneUrl.ToString());

        await page.ClickAsync("#approve-push");

        await Assertions.Expect(page.Locator("#push-result")).ToHaveTextAsync("No notification is waiting.");
    }
}
