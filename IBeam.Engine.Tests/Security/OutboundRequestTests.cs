using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;
using Microsoft.Playwright;

namespace IBeam.Engine.Tests.Security;

/// <summary>
/// Where the app sends requests during a full login with the dashboard running and an operator
/// watching: its HttpClients and the engine's Chromiums only to the configured gateway, the
/// handler's URL and the alert webhook; the operator's page only to the dashboard itself.
/// </summary>
[Collection(CustomHandlerCollection.Name)]
public sealed partial class OutboundRequestTests(SandboxFixture fixture, CustomHandlerSample sample) : IClassFixture<SandboxFixture>
{
    [Theory]
    [MemberData(nameof(HandlerLogin.Names), MemberType = typeof(HandlerLogin))]
    public async Task A_full_login_sends_requests_only_to_the_gateway_the_handlers_URL_and_the_alert_webhook(string handler)
    {
        await using var watched = await WatchedLogin.StartAsync(fixture.Fresh(), handler, sample);

        await watched.Login.FinishAsync(watched.Run);

        // The recorders saw the app's own traffic, so an empty "outside" list means something.
        Assert.Contains(watched.Outbound.Http, u => u.Port == watched.Sandbox.GatewayUrl.Port);
        Assert.Contains(watched.Outbound.Browsers, u => u.Port == watched.Sandbox.GatewayUrl.Port);
        Assert.Empty(OutboundRecorder.Outside(watched.Outbound.Http, watched.Sandbox.GatewayUrl, watched.Sandbox.ControlUrl, watched.Alerts.Url));
        Assert.Empty(OutboundRecorder.Outside(watched.Outbound.Browsers, watched.Sandbox.GatewayUrl, watched.Sandbox.ControlUrl));
        Assert.Empty(OutboundRecorder.Outside(watched.OperatorRequests, watched.Run.Dashboard.Address));
    }

    [Fact]
    public async Task The_pairing_QR_code_is_drawn_in_the_page_and_names_no_other_site()
    {
        await using var watched = await WatchedLogin.StartAsync(fixture.Fresh(), "GOOGLE_MSG", sample);

        var qr = watched.Run.Page.Locator("#pairing-qr");
        await qr.WaitForAsync(new() { Timeout = 60_000 });
        var (source, html) = (await qr.GetAttributeAsync("src"), await watched.Run.Page.ContentAsync());
        await watched.Login.FinishAsync(watched.Run); // the phone scans it

        Assert.StartsWith("data:image/png;base64,", source);
        Assert.DoesNotContain(AddressesIn(html), a => !a.StartsWith(watched.Run.Dashboard.Address.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal));
        Assert.Empty(OutboundRecorder.Outside(watched.OperatorRequests, watched.Run.Dashboard.Address));
    }

    /// <summary>The absolute addresses a page would load or link to: src, href, srcset, action, and CSS url().</summary>
    private static IEnumerable<string> AddressesIn(string html) =>
        Address().Matches(html).Select(m => m.Groups["url"].Value);

    [GeneratedRegex("""(?:\b(?:src|href|srcset|action|poster|data)\s*=\s*["']?|url\(\s*["']?)(?<url>(?:[a-z][a-z0-9+.-]*:)?//[^"'\s)>]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex Address();

    /// <summary>
    /// A handler's login run by a dashboard whose HttpClients and browsers are recorded, an alert
    /// webhook configured, and an operator watching the Two-factor page in a browser of their own.
    /// </summary>
    private sealed class WatchedLogin : IAsyncDisposable
    {
        private readonly ConcurrentQueue<Uri> _operator = new();
        private readonly IDisposable _codeUrl;
        private TestBrowser _browser = null!;

        private WatchedLogin(SandboxGateway sandbox, HandlerLogin login)
        {
            Sandbox = sandbox;
            Login = login;
            _codeUrl = CustomHandlerSample.CodeUrl(sandbox.PhoneCodeUrl + "?wait=10");
        }

        public SandboxGateway Sandbox { get; }

        public HandlerLogin Login { get; }

        public OutboundRecorder Outbound { get; } = new();

        public WebhookReceiver Alerts { get; private set; } = null!;

        public HandlerLogin.Run Run { get; private set; } = null!;

        /// <summary>Every request the operator's page made.</summary>
        public IReadOnlyList<Uri> OperatorRequests => [.. _operator];

        public static async Task<WatchedLogin> StartAsync(SandboxGateway sandbox, string handler, CustomHandlerSample sample)
        {
            var watched = new WatchedLogin(sandbox, HandlerLogin.For(handler, sandbox, sample));
            watched.Alerts = await WebhookReceiver.StartAsync();
            watched._browser = await TestBrowser.LaunchAsync();
            var page = await watched._browser.Browser.NewPageAsync();
            page.Request += (_, request) => watched._operator.Enqueue(new Uri(request.Url));
            watched.Run = await watched.Login.StartAsync(sandbox, page, watched.Outbound.AddTo, ("IBEAM_ALERT_WEBHOOK_URL", watched.Alerts.Url.ToString()));
            await page.GotoAsync(new Uri(watched.Run.Dashboard.Address, "/two-factor").ToString());
            await DashboardSignIn.WaitForLiveAsync(page);
            return watched;
        }

        public async ValueTask DisposeAsync()
        {
            // The operator's page first: a live circuit can hold the dashboard's graceful stop for its whole timeout.
            await _browser.DisposeAsync();
            await Run.DisposeAsync();
            await Alerts.DisposeAsync();
            _codeUrl.Dispose();
        }
    }
}
