using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IBeam.Engine.Sandbox;

/// <summary>
/// A simulated Client Portal Gateway that behaves like gateway.md describes: HTTPS with a
/// self-signed certificate on a loopback port, the login page with IBKR's element names and
/// steps, and the /v1 API. A second, plain-HTTP port serves the control API and the phone.
/// </summary>
public sealed class SandboxGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxGateway(WebApplication app, SandboxState state)
    {
        _app = app;
        State = state;
    }

    public SandboxState State { get; }

    /// <summary>The gateway's address (https, self-signed): IBEAM_GATEWAY_BASE_URL.</summary>
    public Uri GatewayUrl { get; private set; } = null!;

    /// <summary>The control API and phone (plain http).</summary>
    public Uri ControlUrl { get; private set; } = null!;

    /// <summary>The phone's "latest code" URL, for IBEAM_EXTERNAL_REQUEST_URL.</summary>
    public Uri PhoneCodeUrl => new(ControlUrl, "/sandbox/phone/code");

    /// <summary>The simulated phone's screen: its SMS, newest first, for a person to read a code from.</summary>
    public Uri PhoneUrl => new(ControlUrl, "/sandbox/phone");

    /// <summary>The simulated Google Messages for web, for IBEAM_GOOG_MESSAGES_URL.</summary>
    public Uri MessagesUrl => new(ControlUrl, "/sandbox/messages/web");

    /// <summary>Starts a sandbox on loopback; port 0 picks a free port.</summary>
    public static async Task<SandboxGateway> StartAsync(int gatewayPort = 0, X509Certificate2? certificate = null, int controlPort = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        certificate ??= SandboxCertificate.CreateSelfSigned();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, gatewayPort, listen => listen.UseHttps(certificate));
            kestrel.Listen(IPAddress.Loopback, controlPort);
        });

        var state = new SandboxState(TimeProvider.System);
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (!context.Request.IsHttps)
            {
                await next(context);
                return;
            }

            // Every request of the gateway port is logged with when it came and when it was answered (faults included):
            // benchmarks tell from it how long a login waited on the gateway.
            var received = state.Now;
            try
            {
                await next(context);
            }
            finally
            {
                state.LogRequest(new SandboxRequest(context.Request.Method, context.Request.Path, received, state.Now));
            }
        });
        app.Use(async (context, next) =>
        {
            // Faults apply to the gateway port only: the control API stays reachable to clear them.
            if (context.Request.IsHttps && await PlayFaultAsync(context, state))
            {
                return;
            }

            if (!context.Request.IsHttps && !context.Request.Path.StartsWithSegments("/sandbox"))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });
        app.MapSandboxGateway(state);
        app.MapSandboxLogin(state);
        app.MapSandboxControl(state);
        app.MapSandboxMessages(state);
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new SandboxGateway(app, state)
        {
            GatewayUrl = new Uri(addresses.First(a => a.StartsWith("https", StringComparison.Ordinal)).Replace("127.0.0.1", "localhost")),
            ControlUrl = new Uri(addresses.First(a => a.StartsWith("http:", StringComparison.Ordinal))),
        };
    }

    public async ValueTask DisposeAsync()
    {
        // Long-polls (the phone, push approvals) would hold a graceful stop for 30 s; a simulator need not wait.
        using var quickly = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(quickly.Token);
        await _app.DisposeAsync();
    }

    private static async Task<bool> PlayFaultAsync(HttpContext context, SandboxState state)
    {
        var scenario = state.Scenario;
        var isApi = context.Request.Path.StartsWithSegments("/v1");
        if (scenario.Down || scenario.DelayMs > 0 || (isApi && (scenario.Fail500 || scenario.Fail503 || scenario.GarbageJson)))
        {
            state.CountFault();
        }

        if (scenario.Down)
        {
            context.Abort();
            return true;
        }

        if (scenario.DelayMs > 0)
        {
            await Task.Delay(scenario.DelayMs, context.RequestAborted);
        }

        if (!isApi)
        {
            return false;
        }

        if (scenario.Fail500 || scenario.Fail503)
        {
            context.Response.StatusCode = scenario.Fail500 ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync(scenario.Fail500 ? "Internal Server Error" : "Service Unavailable");
            return true;
        }

        if (scenario.GarbageJson)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"session\":\"7f3a\",\"iserver\":{\"authSta");
            return true;
        }

        return false;
    }
}
