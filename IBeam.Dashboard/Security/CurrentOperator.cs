using IBeam.Engine.Operators;
using Microsoft.AspNetCore.Components.Authorization;

namespace IBeam.Dashboard.Security;

/// <summary>
/// Who is using the dashboard, for the audit of what they do: the signed-in operator's name and
/// the address they signed in from. Components inject this rather than reading claims themselves.
/// </summary>
public sealed class CurrentOperator(AuthenticationStateProvider authentication)
{
    public async Task<OperatorIdentity> GetAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var name = user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } signedIn } ? signedIn : "unknown";
        return new OperatorIdentity(name, OperatorOrigin.Dashboard, user.FindFirst(OperatorClaims.Address)?.Value);
    }
}

/// <summary>The claims of a signed-in operator beyond the name.</summary>
public static class OperatorClaims
{
    /// <summary>The address the operator signed in from (a circuit has no HTTP request to read it from later).</summary>
    public const string Address = "ibeam:address";
}
