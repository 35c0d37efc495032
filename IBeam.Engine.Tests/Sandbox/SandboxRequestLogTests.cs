using System.Net;
using IBeam.Engine.Sandbox;

namespace IBeam.Engine.Tests.Sandbox;

/// <summary>The sandbox logs what its gateway port answered and when, so a benchmark can tell how long a login waited on the gateway.</summary>
public sealed class SandboxRequestLogTests : IAsyncLifetime
{
    private SandboxGateway _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxGateway.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Each_request_of_the_gateway_port_is_logged_with_its_times_and_the_control_port_is_not()
    {
        using var client = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });
        var before = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(_sandbox.GatewayUrl, "/sso/Login"))).StatusCode);
        await client.GetAsync(_sandbox.PhoneUrl);

        var request = Assert.Single(_sandbox.State.Requests);
        Assert.Equal(("GET", "/sso/Login"), (request.Method, request.Path));
        Assert.InRange(request.ReceivedAt, before, request.AnsweredAt);
        _sandbox.State.Reset();
        Assert.Empty(_sandbox.State.Requests);
    }
}
