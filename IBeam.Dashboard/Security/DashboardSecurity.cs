using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace IBeam.Dashboard.Security;

/// <summary>
/// Who may use the dashboard: every page, the Blazor hub and every API route need a signed-in
/// operator (cookie) or the API token; only what opts out explicitly (the sign-in pages, static
/// assets) answers without. A fallback policy does this, so a route added later is covered too.
/// </summary>
public static class DashboardSecurity
{
    public const string SignInRateLimit = "sign-in";

    private const string CookieOrToken = "CookieOrToken";

    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(CookieOrToken)
            .AddPolicyScheme(CookieOrToken, "Cookie or API token", scheme =>
                scheme.ForwardDefaultSelector = context => ApiTokenHandler.BearerToken(context.Request) is null
                    ? CookieAuthenticationDefaults.AuthenticationScheme
                    : ApiTokenHandler.SchemeName)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "ibeam.operator";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/signin";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;

                // Automation gets a status code, not a sign-in page.
                cookie.Events.OnRedirectToLogin = context => RedirectUnlessApi(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => RedirectUnlessApi(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress ?? IPAddress.None,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 5, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = (context, _) =>
            {
                // A person at the sign-in form gets the page back with the reason; anything else the status code.
                if (IsFormPost(context.HttpContext.Request))
                {
                    context.HttpContext.Response.Redirect("/signin?error=too-many");
                }

                return ValueTask.CompletedTask;
            };
        });

        services.AddScoped<CurrentOperator>();
        services.AddSingleton<OperatorPassword>();
        return services;
    }

    /// <summary>The dashboard's content security policy: its own scripts and styles, the QR as a data: image, its Blazor connection.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' ws: wss:; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    private static bool IsFormPost(HttpRequest request) => HttpMethods.IsPost(request.Method) && request.HasFormContentType;

    private static Task RedirectUnlessApi(RedirectContext<CookieAuthenticationOptions> context, int statusCode)
    {
        if (IsAutomation(context.Request))
        {
            context.Response.StatusCode = statusCode;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private static bool IsAutomation(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi") || request.Path.StartsWithSegments("/_blazor")
        || !HttpMethods.IsGet(request.Method);
}
