using System.Net;
using IBeam.Engine.Tests.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace IBeam.Engine.Tests.Dashboard;

/// <summary>
/// Every route the dashboard maps, read from the app itself (so a route added later is covered),
/// refuses a caller without sign-in or token; only the sign-in forms and static files answer.
/// </summary>
public sealed class EndpointProtectionTests : IAsyncLifetime
{
    /// <summary>The only routes that opt out of sign-in, apart from static files.</summary>
    private static readonly string[] OpenRoutes = ["/signin", "/setup", "/auth/signin", "/auth/setup"];

    private InProcessDashboard _dashboard = null!;

    public async Task InitializeAsync() => _dashboard = await InProcessDashboard.StartAsync();

    public async Task DisposeAsync() => await _dashboard.DisposeAsync();

    [Fact]
    public void Only_the_sign_in_forms_and_static_files_opt_out_of_sign_in()
    {
        var open = Routes().Where(r => r.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null).ToList();

        var openRoutes = open.Where(r => !IsStaticFile(r.Path)).Select(r => r.Path).Distinct().Order().ToList();
        Assert.Equal(OpenRoutes.Order(), openRoutes);
        Assert.Contains(open, r => r.Path.EndsWith("MudBlazor.min.css", StringComparison.Ordinal));
        Assert.DoesNotContain(open, r => r.Path.EndsWith(".db", StringComparison.OrdinalIgnoreCase) || r.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !r.Path.Contains("_framework", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_other_route_refuses_a_caller_without_sign_in_or_token()
    {
        using var client = _dashboard.AnonymousClient();
        var protectedRoutes = Routes().Where(r => r.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null).ToList();
        Assert.Contains(protectedRoutes, r => r.Path == "/api/status");
        Assert.Contains(protectedRoutes, r => r.Path.StartsWith("/_blazor", StringComparison.Ordinal));

        var answered = new List<string>();
        foreach (var route in protectedRoutes)
        {
            foreach (var method in route.Methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), route.Path);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var refused = response.StatusCode == HttpStatusCode.Unauthorized
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.AbsolutePath == "/signin");
                if (!refused)
                {
                    answered.Add($"{method} {route.Path} → {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(answered);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_the_right_one_is_let_in()
    {
        using var wrong = _dashboard.TokenClient("not-the-token");
        using var right = _dashboard.TokenClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        using var client = _dashboard.AnonymousClient();

        foreach (var path in new[] { "/", "/signin", "/api/status" })
        {
            using var response = await client.GetAsync(path);
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("default-src 'self'", csp);
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    private static bool IsStaticFile(string path) => Path.HasExtension(path) && !path.StartsWith("/api", StringComparison.Ordinal);

    private List<Route> Routes() =>
    [
        .. _dashboard.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => new Route(e, Concrete(e.RoutePattern), e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() is { Length: > 0 } methods ? methods : ["GET"])),
    ];

    /// <summary>A path that the pattern matches: parameters get a sample value of their kind.</summary>
    private static string Concrete(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") => "1",
            RoutePatternParameterPart => Guid.Empty.ToString(),
            _ => "",
        })));
        return "/" + string.Join('/', segments);
    }

    private sealed record Route(RouteEndpoint Endpoint, string Path, string[] Methods);
}
