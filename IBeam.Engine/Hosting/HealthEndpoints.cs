using IBeam.Engine.Configuration;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Operators;
using IBeam.Engine.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Hosting;

/// <summary>
/// IBeam's health server routes, answered as IBeam's Python server answers them (a status and a
/// short text). The probes are open; the actions need the API token, or a caller on this machine
/// when no token is set (<see cref="HealthAccess"/>).
/// </summary>
public static class HealthEndpoints
{
    public const string LiveRoute = "/livez";
    public const string ReadyRoute = "/readyz";
    public const string ActivateRoute = "/activate";
    public const string DeactivateRoute = "/deactivate";

    private static readonly string[] GetAndPost = [HttpMethods.Get, HttpMethods.Post];

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Alive unless the engine has stopped for good (the maintenance loop died): then an orchestrator should restart it.
        app.MapGet(LiveRoute, (EngineState state) => state.Current.FatalError is null ? Text(StatusCodes.Status200OK, "OK") : Text(StatusCodes.Status500InternalServerError, "Internal Error"));

        // Ready when the last status the engine read says the session is usable.
        app.MapGet(ReadyRoute, (EngineState state) => state.Current.Gateway.IsHealthy ? Text(StatusCodes.Status200OK, "OK") : Text(StatusCodes.Status503ServiceUnavailable, "Not Ready"));

        app.MapMethods(ActivateRoute, GetAndPost, (HttpContext http, EngineControl control) =>
            RunActionAsync(http, "Activate", "Activated", who =>
            {
                control.Activate(who.Name);
                return Task.CompletedTask;
            }));

        // Deactivation logs out and stops the gateway; a caller hanging up must not cut that short, so only shutdown cancels it.
        app.MapMethods(DeactivateRoute, GetAndPost, (HttpContext http, EngineControl control, IHostApplicationLifetime lifetime) =>
            RunActionAsync(http, "Deactivate", "Deactivated", who => control.DeactivateAsync(who.Name, lifetime.ApplicationStopping)));
        return app;
    }

    private static async Task<IResult> RunActionAsync(HttpContext http, string action, string done, Func<OperatorIdentity, Task> run)
    {
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HealthEndpoints));
        var remote = http.Connection.RemoteIpAddress;
        var decision = HealthAccess.Decide(
            services.GetRequiredService<IOptionsMonitor<IBeamOptions>>().CurrentValue.Dashboard.ApiToken,
            http.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null,
            remote,
            http.Request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site ? site : null);
        switch (decision)
        {
            case HealthAccessDecision.Unauthorized:
                HealthLog.Refused(logger, action, remote?.ToString() ?? "?", http.Request.Headers.Authorization.Count == 0 ? "no token" : "wrong token");
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Text(StatusCodes.Status401Unauthorized, "Unauthorized");
            case HealthAccessDecision.Forbidden:
                HealthLog.Refused(logger, action, remote?.ToString() ?? "?", "no API token is set and the caller is not on this machine, or a browser page made the call");
                return Text(StatusCodes.Status403Forbidden, "Forbidden");
        }

        var who = new OperatorIdentity(decision == HealthAccessDecision.Token ? "api" : "local", OperatorOrigin.Health, remote?.ToString());
        var audit = services.GetRequiredService<OperatorAudit>();
        try
        {
            await run(who);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await audit.RecordAsync(who, action, succeeded: false, e.Message, CancellationToken.None);
            throw;
        }

        await audit.RecordAsync(who, action, succeeded: true, cancellationToken: CancellationToken.None);
        return Text(StatusCodes.Status200OK, done);
    }

    private static IResult Text(int status, string text) => Results.Text(text, "text/plain", statusCode: status);
}

internal static partial class HealthLog
{
    [LoggerMessage(LogLevel.Warning, "Health server: {Action} from {Remote} refused ({Reason})")]
    public static partial void Refused(ILogger logger, string action, string remote, string reason);
}
