using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IBeam.Engine.Sandbox;

/// <summary>The gateway's /v1 API with the answers gateway.md records (including IBKR's spelling "collission").</summary>
internal static class SandboxGatewayEndpoints
{
    private const string ServerName = "SandboxC1";
    private const string ServerVersion = "Build 10.25.0m, Nov 17, 2023 11:29:27 AM";

    public static void MapSandboxGateway(this IEndpointRouteBuilder app, SandboxState state)
    {
        app.MapMethods("/v1/api/tickle", ["GET", "POST"], () =>
            state.Tickle() is { } session
                ? Results.Json(new
                {
                    session = session.Id,
                    ssoExpires = (long)Math.Max(0, state.ExpiresIn(session).TotalMilliseconds),
                    collission = false,
                    userId = 99996016,
                    hmds = new { error = "no bridge" },
                    iserver = new { authStatus = AuthStatus(state, session) },
                })
                : NoSession(state));

        app.MapMethods("/v1/api/iserver/auth/status", ["GET", "POST"], () =>
            state.Session is { } session ? Results.Json(new Dictionary<string, object?>(AuthStatus(state, session)) { ["fail"] = "" }) : NoSession(state));

        // A dictionary, not an anonymous object: the web JSON defaults would camel-case these upper-case names ("USER_NAME" → "useR_NAME").
        app.MapGet("/v1/portal/sso/validate", () =>
            state.Validate() is { } session
                ? Results.Json(new Dictionary<string, object>
                {
                    ["USER_ID"] = 123456789,
                    ["USER_NAME"] = SandboxAccount.UserName,
                    ["RESULT"] = true,
                    ["AUTH_TIME"] = session.AuthenticatedFrom.ToUnixTimeMilliseconds(),
                    ["SF_ENABLED"] = false,
                    ["EXPIRES"] = (long)Math.Max(0, state.ExpiresIn(session).TotalMilliseconds),
                    ["LOGIN_TYPE"] = 2,
                    ["PAPER_USER_NAME"] = SandboxAccount.UserName,
                })
                : NoSession(state));

        IResult Reauthenticate() => state.Reauthenticate() ? Results.Json(new { message = "triggered" }) : NoSession(state);
        app.MapPost("/v1/portal/iserver/reauthenticate", Reauthenticate);
        app.MapPost("/v1/api/iserver/reauthenticate", Reauthenticate);

        app.MapPost("/v1/api/logout", () => state.Logout() ? Results.Json(new { status = true }) : NoSession(state));

        app.MapPost("/v1/api/iserver/auth/ssodh/init", () =>
            state.Initialise() is { } session
                ? Results.Json(new { passed = true, authenticated = state.IsAuthenticated(session), connected = session.Connected, competing = session.Competing })
                : NoSession(state));
    }

    private static Dictionary<string, object?> AuthStatus(SandboxState state, SandboxSession session) => new()
    {
        ["authenticated"] = state.IsAuthenticated(session),
        ["competing"] = session.Competing,
        ["connected"] = session.Connected,
        ["message"] = "",
        ["MAC"] = "F4:03:43:CD:BD:C0",
        ["serverInfo"] = new { serverName = ServerName, serverVersion = ServerVersion },
    };

    private static IResult NoSession(SandboxState state) => state.Scenario.NoSessionAs200
        ? Results.Text("{\"error\":\"no session\"}", "application/json")
        : Results.Json(new { error = "not authenticated", statusCode = 401 }, statusCode: StatusCodes.Status401Unauthorized);
}
