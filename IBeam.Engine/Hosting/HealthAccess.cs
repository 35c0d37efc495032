using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace IBeam.Engine.Hosting;

/// <summary>What the health server does with a call to one of its actions (/activate, /deactivate).</summary>
public enum HealthAccessDecision
{
    /// <summary>Allowed with the API token.</summary>
    Token,

    /// <summary>Allowed: no token is configured and the caller is on this machine.</summary>
    Loopback,

    /// <summary>401: a token is configured and the call's is missing or wrong.</summary>
    Unauthorized,

    /// <summary>403: no token is configured and the caller is elsewhere, or a web page in a browser made the call.</summary>
    Forbidden,
}

/// <summary>
/// The health server's rule for its actions. With IBEAM_API_TOKEN set, every caller needs
/// "Authorization: Bearer &lt;token&gt;" (compared in constant time). Without it, only callers on
/// this machine are answered. Either way a call a browser marks as made by another site
/// (Sec-Fetch-Site cross-site or same-site) is refused: a GET to localhost from a web page must
/// not deactivate IBeam. Scripts, curl and orchestrators send no such header.
/// </summary>
public static class HealthAccess
{
    public static HealthAccessDecision Decide(string? configuredToken, string? authorization, IPAddress? remote, string? fetchSite)
    {
        if (fetchSite is { } site && (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase)))
        {
            return HealthAccessDecision.Forbidden;
        }

        if (string.IsNullOrEmpty(configuredToken))
        {
            return remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)
                ? HealthAccessDecision.Loopback
                : HealthAccessDecision.Forbidden;
        }

        return BearerMatches(configuredToken, authorization) ? HealthAccessDecision.Token : HealthAccessDecision.Unauthorized;
    }

    /// <summary>Whether <paramref name="authorization"/> is "Bearer &lt;token&gt;" with exactly <paramref name="token"/>, compared in constant time.</summary>
    public static bool BearerMatches(string token, string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashed first: FixedTimeEquals returns early when the lengths differ, which would tell the token's length.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim())),
            SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
