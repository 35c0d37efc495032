using System.Net;
using System.Text.Json;

namespace IBeam.Engine.Gateway;

/// <summary>The SSO validate answer: whether the SSO session is valid, and for whom.</summary>
public sealed record SsoValidation(bool Result, string? UserName, TimeSpan? Expires);

/// <summary>
/// Reads the gateway's JSON answers. The gateway's shapes vary between versions and fields go
/// missing when a session is gone, so every field is optional here.
/// </summary>
internal static class GatewayResponses
{
    /// <summary>The tickle answer as a status; <paramref name="statusCode"/> and body decide "no session".</summary>
    public static GatewayStatus ParseTickle(HttpStatusCode statusCode, string body)
    {
        if (NoSession(statusCode, body) is { } noSession)
        {
            return noSession;
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the answer is not a JSON object");
        }

        var authStatus = root.TryGetProperty("iserver", out var iserver) && iserver.ValueKind == JsonValueKind.Object
                         && iserver.TryGetProperty("authStatus", out var a) ? a : (JsonElement?)null;
        var status = new GatewayStatus
        {
            Running = true,
            Session = true,
            SessionId = String(root, "session"),
            Collision = Bool(root, "collission") || Bool(root, "collision"),
            Expires = Number(root, "ssoExpires") is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        };
        return authStatus is { } auth ? WithAuthStatus(status, auth) : status;
    }

    /// <summary>The auth status answer applied to <paramref name="status"/>.</summary>
    public static GatewayStatus ParseAuthStatus(GatewayStatus status, string body)
    {
        using var document = JsonDocument.Parse(body);
        return WithAuthStatus(status, document.RootElement);
    }

    public static SsoValidation ParseValidate(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        return new SsoValidation(
            Bool(root, "RESULT"),
            String(root, "USER_NAME"),
            Number(root, "EXPIRES") is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
    }

    /// <summary>True when a JSON answer has <paramref name="name"/> set to true.</summary>
    public static bool IsTrue(string body, string name)
    {
        using var document = JsonDocument.Parse(body);
        return Bool(document.RootElement, name);
    }

    /// <summary>The "no session" answers: 401, 500, 503, or 200 with {"error":"no session"}; 5xx ones are marked to retry later.</summary>
    public static GatewayStatus? NoSession(HttpStatusCode statusCode, string body) => statusCode switch
    {
        HttpStatusCode.Unauthorized => GatewayStatus.NoSession(),
        HttpStatusCode.InternalServerError => GatewayStatus.Unusable("the gateway answered 500 (IBKR may be restarting)"),
        HttpStatusCode.ServiceUnavailable => GatewayStatus.Unusable("the gateway answered 503 (IBKR not ready)"),
        _ when (int)statusCode >= 500 => GatewayStatus.Unusable($"the gateway answered {(int)statusCode}"),
        _ when (int)statusCode >= 400 => GatewayStatus.NoSession($"the gateway answered {(int)statusCode}"),
        _ when IsNoSessionBody(body) => GatewayStatus.NoSession(),
        _ => null,
    };

    private static bool IsNoSessionBody(string body)
    {
        if (!body.Contains("no session", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && String(document.RootElement, "error") == "no session";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static GatewayStatus WithAuthStatus(GatewayStatus status, JsonElement auth) => status with
    {
        Authenticated = Bool(auth, "authenticated"),
        Connected = Bool(auth, "connected"),
        Competing = Bool(auth, "competing"),
        ServerName = auth.TryGetProperty("serverInfo", out var info) ? String(info, "serverName") : status.ServerName,
        ServerVersion = auth.TryGetProperty("serverInfo", out var info2) ? String(info2, "serverVersion") : status.ServerVersion,
    };

    private static bool Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch { JsonValueKind.String => value.GetString(), JsonValueKind.Number => value.GetRawText(), _ => null }
            : null;

    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;
}
