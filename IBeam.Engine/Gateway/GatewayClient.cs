using System.Net.Http.Json;
using System.Text.Json;
using IBeam.Engine.Configuration;
using IBeam.Engine.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace IBeam.Engine.Gateway;

/// <summary>
/// The gateway's /v1 API. Retries and per-request timeouts come from the "gateway" resilience
/// pipeline (<see cref="GatewayHttp"/>); this class turns answers and failures into statuses.
/// No call throws for a gateway problem: a refused connection is NOT RUNNING, a bad answer is
/// logged and reported as no session.
/// </summary>
public sealed class GatewayClient(HttpClient http, IOptionsMonitor<IBeamOptions> options, ILogger<GatewayClient> logger)
{
    private GatewayOptions Settings => options.CurrentValue.Gateway;

    /// <summary>The status, read from the tickle (which also keeps the session alive).</summary>
    public async Task<GatewayStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var status = await CallAsync(Settings.RouteTickle, HttpMethod.Post, null, GatewayResponses.ParseTickle, cancellationToken);
        if (status.Session && !status.Connected && !status.Authenticated && status.ServerName is null)
        {
            // Some gateway versions leave iserver out of the tickle; the auth status call has it.
            status = await CallAsync(Settings.RouteAuthStatus, HttpMethod.Get, null,
                (code, body) => GatewayResponses.NoSession(code, body) ?? GatewayResponses.ParseAuthStatus(status, body), cancellationToken);
        }

        return status;
    }

    /// <summary>Keeps the session alive; the same call as <see cref="GetStatusAsync"/>.</summary>
    public Task<GatewayStatus> TickleAsync(CancellationToken cancellationToken) => GetStatusAsync(cancellationToken);

    public async Task<SsoValidation?> ValidateAsync(CancellationToken cancellationToken) =>
        await SendAsync(Settings.RouteValidate, HttpMethod.Get, null, GatewayResponses.ParseValidate, cancellationToken);

    /// <summary>Asks the gateway to reauthenticate the brokerage session; true when it accepted.</summary>
    public async Task<bool> ReauthenticateAsync(CancellationToken cancellationToken) =>
        await SendAsync(Settings.RouteReauthenticate, HttpMethod.Post, null, body => body.Contains("triggered", StringComparison.OrdinalIgnoreCase) || body.Length > 0, cancellationToken);

    /// <summary>Logs the session out; true when the gateway confirmed ({"status":true} or {"confirmed":true}).</summary>
    public async Task<bool> LogoutAsync(CancellationToken cancellationToken) =>
        await SendAsync(Settings.RouteLogout, HttpMethod.Post, null, body => GatewayResponses.IsTrue(body, "status") || GatewayResponses.IsTrue(body, "confirmed"), cancellationToken);

    /// <summary>Initialises the brokerage session (ssodh/init); true when it reports authenticated or passed.</summary>
    public async Task<bool> InitialiseAsync(CancellationToken cancellationToken) =>
        await SendAsync(Settings.RouteInitialise, HttpMethod.Post, JsonContent.Create(new { publish = true, compete = true }),
            body => GatewayResponses.IsTrue(body, "authenticated") || GatewayResponses.IsTrue(body, "passed"), cancellationToken);

    private Uri Url(string route) => new(Settings.BaseUrl.ToString().TrimEnd('/') + route);

    private async Task<GatewayStatus> CallAsync(string route, HttpMethod method, HttpContent? content,
        Func<System.Net.HttpStatusCode, string, GatewayStatus> parse, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, Url(route)) { Content = content };
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return parse(response.StatusCode, body);
        }
        catch (HttpRequestException e)
        {
            EngineLog.GatewayUnreachable(logger, route, e.Message);
            return GatewayStatus.NotRunning(e.Message);
        }
        catch (TimeoutRejectedException)
        {
            var message = $"no answer within {Settings.RequestTimeout.TotalSeconds:0.#} s (IBEAM_REQUEST_TIMEOUT)";
            EngineLog.GatewayTimedOut(logger, route, Settings.RequestTimeout.TotalSeconds);
            return GatewayStatus.Unusable(message);
        }
        catch (JsonException e)
        {
            EngineLog.GatewayAnswerUnreadable(logger, route, e.Message);
            return GatewayStatus.Unusable($"unreadable answer from {route}: {e.Message}");
        }
    }

    private async Task<T?> SendAsync<T>(string route, HttpMethod method, HttpContent? content, Func<string, T> read, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, Url(route)) { Content = content };
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                EngineLog.GatewayCallRefused(logger, route, (int)response.StatusCode);
                return default;
            }

            return read(body);
        }
        catch (HttpRequestException e)
        {
            EngineLog.GatewayUnreachable(logger, route, e.Message);
        }
        catch (TimeoutRejectedException)
        {
            EngineLog.GatewayTimedOut(logger, route, Settings.RequestTimeout.TotalSeconds);
        }
        catch (JsonException e)
        {
            EngineLog.GatewayAnswerUnreadable(logger, route, e.Message);
        }

        return default;
    }
}
