using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IBeam.Engine.Sandbox;

/// <summary>
/// The sandbox's control API and simulated phone, served on its plain-HTTP port: tests and
/// operators change the scenario, play faults, approve pushes and read the SMS inbox here.
/// </summary>
internal static class SandboxControlEndpoints
{
    public static void MapSandboxControl(this IEndpointRouteBuilder app, SandboxState state)
    {
        var sandbox = app.MapGroup("/sandbox");
        sandbox.MapGet("/state", () => new { scenario = state.Scenario, counters = state.Counters, session = state.Session });
        sandbox.MapPost("/scenario", (SandboxScenario scenario) =>
        {
            state.SetScenario(_ => scenario);
            return state.Scenario;
        });
        sandbox.MapPost("/reset", () =>
        {
            state.Reset();
            return Results.NoContent();
        });
        sandbox.MapPost("/session/expire", () => Done(state.ExpireSession));
        sandbox.MapPost("/session/compete", () => Done(state.MakeCompeting));
        sandbox.MapPost("/session/drop-brokerage", () => Done(state.DropBrokerage));
        sandbox.MapPost("/push/approve", () => state.ApprovePush() ? Results.NoContent() : Results.Conflict(new { error = "no push notification is pending" }));

        // The simulated phone: the inbox, and the latest code as plain text (an EXTERNAL_REQUEST handler's URL).
        sandbox.MapGet("/sms", () => state.Inbox);
        sandbox.MapGet("/phone", () => Results.Content(SandboxLoginEndpoints.Asset("phone.html"), "text/html; charset=utf-8"));
        sandbox.MapGet("/phone/phone.js", () => Results.Content(SandboxLoginEndpoints.Asset("phone.js"), "text/javascript; charset=utf-8"));
        sandbox.MapPost("/sms", (IncomingSms sms) => state.ReceiveSms(sms.From ?? "IBKR", sms.Text, TimeSpan.FromSeconds(Math.Max(0, sms.SecondsAgo))));
        sandbox.MapPost("/sms/release", () => new { released = state.ReleaseSms() });
        sandbox.MapGet("/phone/code", (HttpContext http, double? wait, CancellationToken cancellationToken) =>
            AnswerCodeAsync(state, http, TimeSpan.FromSeconds(Math.Clamp(wait ?? 60, 0, 600)), cancellationToken));

        // Answers whatever it is told to: a test's stand-in for a misbehaving 2FA service.
        sandbox.MapMethods("/echo", ["GET", "POST"], async (string? body, int? status, int? delayMs, CancellationToken cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(delayMs ?? 0, 0, 600_000)), cancellationToken);
            return Results.Text(body ?? "", "text/plain", statusCode: status ?? 200);
        });
    }

    /// <summary>The phone's code URL, answering as the scenario's <see cref="SandboxScenario.PhoneAnswer"/> says.</summary>
    private static async Task<IResult> AnswerCodeAsync(SandboxState state, HttpContext http, TimeSpan wait, CancellationToken cancellationToken)
    {
        switch (state.Scenario.PhoneAnswer)
        {
            case SandboxPhoneAnswer.Error:
                return Results.Text("the phone is broken", "text/plain", statusCode: StatusCodes.Status500InternalServerError);
            case SandboxPhoneAnswer.Drop:
                http.Abort();
                return Results.Empty;
            case SandboxPhoneAnswer.Hang:
                // Until the caller gives up (the request is aborted) or the sandbox stops.
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.Empty;
        }

        var code = await state.TakeCodeAsync(wait, cancellationToken);
        return state.Scenario.PhoneAnswer switch
        {
            _ when code is null => Results.NotFound("no code arrived"),
            SandboxPhoneAnswer.WrongCode => Results.Text(((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture) + "\n", "text/plain"),
            SandboxPhoneAnswer.Junk => Results.Text("code: 12a45\n", "text/plain"),
            _ => Results.Text(code + "\n", "text/plain"),
        };
    }

    private sealed record IncomingSms(string? From, string Text, double SecondsAgo);

    private static IResult Done(Action action)
    {
        action();
        return Results.NoContent();
    }
}
