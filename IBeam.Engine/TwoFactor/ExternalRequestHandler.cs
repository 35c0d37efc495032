using System.Net.Http.Headers;
using IBeam.Engine.Configuration;
using IBeam.Engine.Logging;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.TwoFactor;

/// <summary>
/// EXTERNAL_REQUEST: asks a URL for the code and takes the response body, trimmed, as the code
/// (IBeam's handler of the same name, with the same variables). Params become the query string,
/// data is sent as a form, headers are added as given.
/// </summary>
public sealed class ExternalRequestHandler(IHttpClientFactory httpClients, IOptionsMonitor<IBeamOptions> options, ILogger<ExternalRequestHandler> logger)
    : ITwoFactorHandler
{
    public const string HandlerName = "EXTERNAL_REQUEST";
    public const string HttpClientName = "two-factor";

    private ExternalRequestOptions Settings => options.CurrentValue.ExternalRequest;

    public string Name => HandlerName;

    public TimeSpan Timeout => Settings.Timeout;

    public string Describe()
    {
        var url = Settings.Url is { } u ? u.GetLeftPart(UriPartial.Path) + (u.Query.Length > 1 ? "?…" : "") : "(no URL)";
        var parts = new List<string> { $"{Method.Method} {url}", $"timeout {Timeout.TotalSeconds:0.#} s" };
        if (Settings.Params is { Count: > 0 } p)
        {
            parts.Add($"params {string.Join(", ", p.Keys)}");
        }

        if (Settings.Data is { Count: > 0 } d)
        {
            parts.Add($"form fields {string.Join(", ", d.Keys)}");
        }

        if (Settings.Headers is { Count: > 0 } h)
        {
            parts.Add($"headers {string.Join(", ", h.Keys)}");
        }

        return $"{HandlerName}: {string.Join("; ", parts)}";
    }

    public IEnumerable<string> Validate(IBeamOptions options)
    {
        if (options.ExternalRequest.Url is null)
        {
            yield return "IBEAM_EXTERNAL_REQUEST_URL must be set when IBEAM_TWO_FA_HANDLER is EXTERNAL_REQUEST.";
        }
    }

    public async Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken)
    {
        var url = Settings.Url ?? throw new InvalidOperationException("IBEAM_EXTERNAL_REQUEST_URL is not set.");
        if (Settings.Params is { Count: > 0 } query)
        {
            url = new Uri(QueryHelpers.AddQueryString(url.ToString(), query!));
        }

        using var message = new HttpRequestMessage(Method, url);
        if (Settings.Data is { Count: > 0 } data)
        {
            message.Content = new FormUrlEncodedContent(data);
        }

        foreach (var (header, value) in Settings.Headers ?? new Dictionary<string, string>())
        {
            if (!message.Headers.TryAddWithoutValidation(header, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(header, value);
            }
        }

        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using var client = httpClients.CreateClient(HttpClientName);
        client.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // the engine bounds the call by Timeout
        using var response = await client.SendAsync(message, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            EngineLog.ExternalRequestFailed(logger, (int)response.StatusCode, url.GetLeftPart(UriPartial.Path));
            return null;
        }

        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private HttpMethod Method => HttpMethod.Parse(string.IsNullOrWhiteSpace(Settings.Method) ? "GET" : Settings.Method.Trim().ToUpperInvariant());
}
