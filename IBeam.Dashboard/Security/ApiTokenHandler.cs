using System.Security.Claims;
using System.Text.Encodings.Web;
using IBeam.Engine.Configuration;
using IBeam.Engine.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IBeam.Dashboard.Security;

/// <summary>
/// Authenticates automation with IBEAM_API_TOKEN sent as <c>Authorization: Bearer &lt;token&gt;</c>.
/// Written by hand: ASP.NET Core's bearer handler expects JWTs, and this is a single shared secret.
/// Without a configured token no request authenticates this way. The comparison is the health
/// server's (<see cref="HealthAccess.BearerMatches"/>), in constant time.
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<IBeamOptions> settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>The name that the audit records for actions taken with the token.</summary>
    public const string ApiOperatorName = "api";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (settings.CurrentValue.Dashboard.ApiToken is not { Length: > 0 } token || !HealthAccess.BearerMatches(token, Request.Headers.Authorization))
        {
            // Never echo what was presented: it may be a mistyped real token.
            return Task.FromResult(AuthenticateResult.Fail("The API token is not valid."));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, ApiOperatorName) };
        if (Context.Connection.RemoteIpAddress is { } address)
        {
            claims.Add(new Claim(OperatorClaims.Address, address.ToString()));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    /// <summary>The token of an <c>Authorization: Bearer …</c> header, if the request has one.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length ? header[prefix.Length..].Trim() : null;
    }
}
