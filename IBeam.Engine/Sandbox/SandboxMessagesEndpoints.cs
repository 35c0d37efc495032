using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IBeam.Engine.Sandbox;

/// <summary>
/// A simulated Google Messages for web, on the control port: the pairing page (QR code with its
/// payload in <c>data-qr-code</c>, or account pairing with none), "remember this computer", and
/// once paired the conversation list of the phone's inbox, where a click marks a message read.
/// </summary>
internal static class SandboxMessagesEndpoints
{
    private const int MaxClientIdLength = 64;

    public static void MapSandboxMessages(this IEndpointRouteBuilder app, SandboxState state)
    {
        var messages = app.MapGroup("/sandbox/messages");
        messages.MapGet("/web", () => Results.Content(SandboxLoginEndpoints.Asset("messages.html"), "text/html; charset=utf-8"));
        messages.MapGet("/messages.js", () => Results.Content(SandboxLoginEndpoints.Asset("messages.js"), "text/javascript; charset=utf-8"));

        // The page polls this: what to show for its client id.
        messages.MapGet("/sync", (string? client) =>
        {
            if (!IsClientId(client))
            {
                return Results.BadRequest(new { error = "client must be 1 to 64 characters" });
            }

            var (paired, payload) = state.MessagesWeb.Connect(client!);
            if (!paired)
            {
                var accountOnly = state.Scenario.MessagesAccountPairing;
                return Results.Json(new { paired, pairing = accountOnly ? "account" : "qr", qrPayload = accountOnly ? null : payload });
            }

            return Results.Json(new { paired, messages = state.ViewInbox() });
        });

        messages.MapPost("/read", (ReadForm form) =>
            !state.MessagesWeb.IsPaired(form.Client) ? Results.Json(new { error = "this browser is not paired" }, statusCode: StatusCodes.Status403Forbidden)
            : state.MarkRead(form.Id) ? Results.NoContent()
            : Results.Conflict(new { error = "the click did not mark the message read" }));

        // The phone scans the QR code (its payload, or the page shown last), or confirms an account pairing.
        messages.MapPost("/scan", (string? payload) =>
            state.MessagesWeb.Scan(payload) ? Results.NoContent() : Results.Conflict(new { error = "no pairing page is waiting for the phone" }));
    }

    private static bool IsClientId(string? client) => client is { Length: > 0 and <= MaxClientIdLength };

    private sealed record ReadForm(string? Client, int Id);
}
