using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using IBeam.Engine.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IBeam.Dashboard.Security;

/// <summary>
/// Authenticates automation with IBEAM_API_TOKEN sent as <c>Authorization: Bearer &lt;token&gt;</c>.
/// Written by hand: ASP.NET Core's bearer handler expects JWTs, and this is a single shared secret.
/// Without a configured token no request authenticates this way.
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
        if (BearerToken(Request) is not { } presented)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!Matches(presented, settings.CurrentValue.Dashboard.ApiToken))
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

    /// <summary>Compares in constant time, so the answer's timing tells nothing about the token.</summary>
    public static bool Matches(string presented, string? expected) =>
        expected is { Length: > 0 }
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
