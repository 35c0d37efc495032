using IBeam.Engine.Data.Queries;
using IBeam.Engine.Operators;
using IBeam.Engine.State;
using IBeam.Engine.TwoFactor;
using IBeam.Dashboard.Security;
using System.Security.Claims;

namespace IBeam.Dashboard.Api;

/// <summary>
/// The REST API for automation: status, a 2FA code, the attempt history. Needs the API token
/// (IBEAM_API_TOKEN as a bearer token) or a signed-in operator, like everything else; described by
/// the OpenAPI document at /openapi/v1.json.
/// </summary>
public static class DashboardApi
{
    public static IServiceCollection AddDashboardApi(this IServiceCollection services) => services.AddOpenApi();

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        var api = app.MapGroup("/api").WithTags("IBeam");
        api.MapGet("/status", (EngineState engine) => StatusResponse.From(engine.Current))
            .WithSummary("The engine's live state: phase, gateway flags, the login under way, the 2FA wait, the lock-out count.");
        api.MapPost("/two-factor/code", SubmitCodeAsync)
            .WithSummary("Hands a 2FA code to a login that waits on the MANUAL handler. 200 accepted; 400 malformed (the login keeps waiting); 409 nothing awaited, or a code was already taken.")
            .Produces<CodeSubmissionResponse>()
            .Produces<CodeSubmissionResponse>(StatusCodes.Status400BadRequest)
            .Produces<CodeSubmissionResponse>(StatusCodes.Status409Conflict);
        api.MapGet("/attempts", ListAttemptsAsync)
            .WithSummary("Login attempts, newest first. Filters: outcome (comma-separated), from, to (ISO 8601), handler; paging: size (1-500) and after (the 'next' value of the previous page).")
            .Produces<AttemptsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> SubmitCodeAsync(CodeSubmission submission, HttpContext context, ManualCodeInbox inbox, OperatorAudit audit)
    {
        var who = new OperatorIdentity(context.User.Identity?.Name ?? "unknown", ApiOrigin(context.User), context.Connection.RemoteIpAddress?.ToString());
        var result = inbox.Submit(submission.Code, $"{who.Name} ({who.Origin})");
        await audit.RecordAsync(who, "SubmitCode", result.Accepted, result.Outcome.ToString(), context.RequestAborted);
        var body = new CodeSubmissionResponse(result.Outcome.ToString(), result.Message);
        return result.Outcome switch
        {
            ManualSubmission.Accepted => Results.Ok(body),
            ManualSubmission.Malformed => Results.BadRequest(body),
            _ => Results.Conflict(body),
        };
    }

    private static async Task<IResult> ListAttemptsAsync(
        AttemptHistory history, string? outcome, DateTimeOffset? from, DateTimeOffset? to, string? handler, int? size, string? after, CancellationToken cancellationToken)
    {
        if (!OutcomeNames.TryParse(outcome, out var outcomes, out var problem))
        {
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }

        if (size is < 1 or > AttemptPaging.MaxSize)
        {
            return Results.Problem($"size must be between 1 and {AttemptPaging.MaxSize}.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!AttemptCursorText.TryParse(after, out var cursor))
        {
            return Results.Problem("after must be the 'next' value of a previous page.", statusCode: StatusCodes.Status400BadRequest);
        }

        var filter = new AttemptFilter { Outcomes = outcomes, From = from, To = to, Handler = string.IsNullOrWhiteSpace(handler) ? null : handler };
        var paging = cursor is null ? AttemptPaging.First(size ?? 50) : AttemptPaging.Following(cursor, size ?? 50);
        var page = await history.PageAsync(filter, paging, cancellationToken);
        return Results.Ok(new AttemptsResponse([.. page.Attempts.Select(AttemptItem.From)], page.Total, page.Next is { } next ? AttemptCursorText.Format(next) : null));
    }

    private static OperatorOrigin ApiOrigin(ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == ApiTokenHandler.SchemeName ? OperatorOrigin.Api : OperatorOrigin.Dashboard;
}
