using System.Collections.Concurrent;
using IBeam.Engine.Login;
using Microsoft.Extensions.DependencyInjection;

namespace IBeam.Engine.Tests.Security;

/// <summary>
/// Records every request the app sends: through any of its HttpClients (a handler added to all of
/// them), and from any Chromium the engine starts (the login's, and a handler's).
/// </summary>
public sealed class OutboundRecorder : IBrowserRequestObserver
{
    private readonly ConcurrentQueue<Uri> _http = new();
    private readonly ConcurrentQueue<Uri> _browsers = new();

    public IReadOnlyList<Uri> Http => [.. _http];

    public IReadOnlyList<Uri> Browsers => [.. _browsers];

    /// <summary>Registers the recorder in an app's services: for every HttpClient, and for the engine's browsers.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton<IBrowserRequestObserver>(this);
        services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new Recording(_http)));
    }

    public void Requested(string url) => _browsers.Enqueue(new Uri(url));

    /// <summary>The requests whose origin (scheme, host, port) is none of <paramref name="allowed"/>; data: URLs are drawn locally.</summary>
    public static List<string> Outside(IEnumerable<Uri> requests, params Uri[] allowed) =>
    [
        .. requests.Where(r => r.Scheme is not ("data" or "about" or "blob") && !allowed.Any(a => SameOrigin(a, r)))
            .Select(r => r.GetLeftPart(UriPartial.Path)).Distinct(),
    ];

    /// <summary>Localhost and 127.0.0.1 are the same machine, but not the same origin: a port is what tells two servers apart here.</summary>
    private static bool SameOrigin(Uri a, Uri b) => a.Scheme == b.Scheme && a.Port == b.Port && (a.IsLoopback && b.IsLoopback || a.Host == b.Host);

    private sealed class Recording(ConcurrentQueue<Uri> requests) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            requests.Enqueue(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
