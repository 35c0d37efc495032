using IBeam.Engine.Data;
using IBeam.Engine.Data.Queries;
using Microsoft.EntityFrameworkCore;

namespace IBeam.Dashboard.Endpoints;

/// <summary>The history's downloads: the CSV export and the failure screenshots. Both fall under the app's fallback authorization policy.</summary>
public static class HistoryEndpoints
{
    public const string ExportPath = "/history/export.csv";

    public static string ScreenshotPath(Guid attemptId) => $"/history/{attemptId}/screenshot";

    public static IEndpointRouteBuilder MapHistoryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ExportPath, Export);
        app.MapGet("/history/{id:guid}/screenshot", ScreenshotAsync);
        return app;
    }

    /// <summary>Streams the matching attempts: the export is written as it is read, never held in memory whole.</summary>
    private static IResult Export([AsParameters] HistoryQuery query, AttemptHistory history, TimeProvider time, HttpContext http)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        return Results.Stream(
            output => history.ExportCsvAsync(query.ToFilter(), output, http.RequestAborted),
            "text/csv; charset=utf-8",
            $"ibeam-history-{today:yyyy-MM-dd}.csv");
    }

    /// <summary>
    /// The screenshot the engine recorded for this attempt, and nothing else: the path comes from the
    /// attempt's row, never from the request, and must be a full path to a PNG that still exists.
    /// </summary>
    private static async Task<IResult> ScreenshotAsync(Guid id, IDbContextFactory<IBeamDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var path = await context.Attempts.AsNoTracking().Where(a => a.Id == id).Select(a => a.Screenshot).SingleOrDefaultAsync(cancellationToken);
        if (path is null || !Path.IsPathFullyQualified(path) || !path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
        {
            return Results.NotFound();
        }

        return TypedResults.PhysicalFile(path, "image/png");
    }
}
