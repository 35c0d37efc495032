namespace IBeam.Dashboard.Hosting;

/// <summary>
/// Lets IBeam stop at once while dashboard pages are open. On shutdown SignalR closes the live
/// connections, but the browser reconnects at once and Kestrel then waits for that new connection
/// until the 30 s shutdown timeout (dotnet/aspnetcore#58947, open): longer than `docker stop`
/// waits before it kills the process mid-logout. So once stopping has begun, a new Blazor
/// connection is refused with 503 (the page shows its reconnect notice), and one already open is
/// aborted. Written by hand: no package addresses this.
/// </summary>
internal static class CircuitShutdown
{
    private const string BlazorHubPath = "/_blazor";

    public static IApplicationBuilder UseCircuitShutdown(this IApplicationBuilder app)
    {
        var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(BlazorHubPath))
            {
                await next(context);
                return;
            }

            if (stopping.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            using var abortOnStop = stopping.Register(context.Abort);
            await next(context);
        });
    }
}
