using System.Net;
using System.Net.Http.Headers;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using IBeam.Engine.Configuration;
using IBeam.Engine.Hosting;
using IBeam.Engine.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace IBeam.Engine.Tests.Hosting;

/// <summary>The engine's own HTTP server as a long-running mode starts it, on a free port, with a client for it.</summary>
internal sealed class HealthServer : IAsyncDisposable
{
    private readonly InboundServer _server;

    private HealthServer(InboundServer server) => _server = server;

    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseProxy = false }); // a proxy from the environment would hide the caller's address

    public Uri Address => _server.Address!;

    public static async Task<HealthServer> StartAsync(EngineHarness engine)
    {
        var server = ActivatorUtilities.CreateInstance<InboundServer>(engine.Services, new EngineMode(RequiresCredentials: false, LongRunning: true));
        await server.StartAsync(CancellationToken.None);
        return new HealthServer(server);
    }

    /// <summary>A call to <paramref name="route"/>, with a bearer token when given, through <paramref name="host"/> (loopback unless said).</summary>
    public async Task<(HttpStatusCode Status, string Text)> CallAsync(HttpMethod method, string route, string? token = null, IPAddress? host = null, string? fetchSite = null)
    {
        var url = new UriBuilder(Address) { Host = (host ?? IPAddress.Loopback).ToString(), Path = route }.Uri;
        using var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An IPv4 address of this machine that is not loopback, so that a call through it arrives from a non-loopback address.</summary>
    public static IPAddress NonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? throw new InvalidOperationException("This machine has no non-loopback IPv4 address to call the health server through.");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
    }
}
