using System.Net;
using IBeam.Engine.Hosting;
using IBeam.Engine.Tests.Hosting;
using IBeam.Engine.Tests.Shared;
using IBeam.Engine.TwoFactor;

namespace IBeam.Engine.Tests.Security;

/// <summary>
/// IBeam's own HTTP server (health probes, actions, SMS webhooks) listens on every interface: each kind
/// of its answers carries the security headers too, with a policy under which nothing renders.
/// </summary>
public sealed class InboundServerHeadersTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    public static TheoryData<string, string, HttpStatusCode> Answers => new()
    {
        { "GET", HealthEndpoints.LiveRoute, HttpStatusCode.OK },
        { "GET", HealthEndpoints.ReadyRoute, HttpStatusCode.ServiceUnavailable },
        { "POST", HealthEndpoints.ActivateRoute, HttpStatusCode.Unauthorized },
        { "POST", SmsWebhookEndpoints.JsonRoute, HttpStatusCode.Forbidden }, // without the secret
        { "GET", "/no-such-route", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task The_answer_forbids_framing_sniffing_referrers_and_any_content(string method, string route, HttpStatusCode expected)
    {
        await using var engine = EngineHarness.Create(EngineHarness.Defaults(fixture.Fresh()),
            ("IBEAM_HEALTH_SERVER_PORT", "0"), ("IBEAM_API_TOKEN", "inbound-headers-token"), ("IBEAM_SMS_WEBHOOK_SECRET", "inbound-headers-secret"));
        await using var server = await HealthServer.StartAsync(engine);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(server.Address, route));
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(SecurityHeaders.NothingToRender, string.Join(' ', response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
