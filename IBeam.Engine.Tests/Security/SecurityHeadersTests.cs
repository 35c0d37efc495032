using System.Net;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Security;

/// <summary>
/// Every kind of answer the dashboard gives carries the security headers: a page signed in, an API
/// answer, a static asset, Blazor's script, "not found", and the refusals (401, and 302 to sign-in).
/// EndpointProtectionTests checks the anonymous page, sign-in page and API refusal.
/// </summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private InProcessDashboard _dashboard = null!;

    public static TheoryData<string, string, bool, HttpStatusCode> Answers => new()
    {
        { "GET", "/settings", true, HttpStatusCode.OK },
        { "GET", "/api/status", true, HttpStatusCode.OK },
        { "GET", "/openapi/v1.json", true, HttpStatusCode.OK },
        { "GET", "/_content/MudBlazor/MudBlazor.min.css", false, HttpStatusCode.OK },
        { "GET", "/_framework/blazor.web.js", false, HttpStatusCode.OK },
        { "GET", "/no-such-page", true, HttpStatusCode.NotFound },
        { "GET", "/history", false, HttpStatusCode.Redirect },
        { "POST", "/api/two-factor/code", false, HttpStatusCode.Unauthorized },
    };

    public async Task InitializeAsync() => _dashboard = await InProcessDashboard.StartAsync();

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task The_answer_forbids_framing_sniffing_referrers_and_outside_content(string method, string path, bool token, HttpStatusCode expected)
    {
        using var client = token ? _dashboard.TokenClient() : _dashboard.AnonymousClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
