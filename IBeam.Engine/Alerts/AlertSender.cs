using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace IBeam.Engine.Alerts;

/// <summary>
/// Posts one alert as JSON ({"text", "event", "at", "context"}) through the "alerts" client, whose
/// pipeline retries (<see cref="AlertRegistration"/>). Never throws: a lost alert is logged, and
/// must not stop the service that sends the next one. The URL is never logged (a chat webhook's
/// path is its secret), only its host.
/// </summary>
public sealed class AlertSender(IHttpClientFactory clients, ILogger<AlertSender> logger)
{
    public const string HttpClientName = "alerts";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<bool> SendAsync(Uri url, Alert alert, CancellationToken cancellationToken)
    {
        try
        {
            var payload = new AlertPayload(alert.Text, alert.Event, alert.At, alert.Context);
            using var response = await clients.CreateClient(HttpClientName).PostAsJsonAsync(url, payload, Json, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                AlertLog.Sent(logger, alert.Event, url.Host, (int)response.StatusCode);
                return true;
            }

            AlertLog.Failed(logger, alert.Event, url.Host, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            AlertLog.Failed(logger, alert.Event, url.Host, e.Message);
        }

        return false;
    }

    private sealed record AlertPayload(string Text, string Event, DateTimeOffset At, IReadOnlyDictionary<string, string> Context);
}
