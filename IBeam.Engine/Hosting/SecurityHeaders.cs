using Microsoft.AspNetCore.Builder;

namespace IBeam.Engine.Hosting;

/// <summary>
/// The headers every answer of IBeam's servers carries, the dashboard's and the health and webhook
/// server's alike: no framing, no content sniffing, no referrer, and a content security policy.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>For a server that answers only text and JSON (probes, actions, webhooks): nothing may load or render from it.</summary>
    public const string NothingToRender = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string contentSecurityPolicy) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        await next();
    });
}
