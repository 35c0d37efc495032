using IBeam.Engine.Data;
using IBeam.Engine.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IBeam.Engine.Operators;

/// <summary>
/// The record of what operators did (actions on the engine, sign-ins, code submissions), newest
/// first. A failure to write the record is logged and does not undo or block the action: the
/// action has already happened, and the log keeps the trace.
/// </summary>
public sealed partial class OperatorAudit(IDbContextFactory<IBeamDbContext> contexts, TimeProvider time, ILogger<OperatorAudit> logger)
{
    private const int DetailLength = 1024;

    public async Task RecordAsync(OperatorIdentity who, string action, bool succeeded, string? detail = null, CancellationToken cancellationToken = default)
    {
        Recorded(logger, action, who.Name, who.Origin, succeeded ? "done" : "refused", detail ?? "");
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.OperatorActions.Add(new OperatorAction
            {
                At = time.GetUtcNow().UtcDateTime,
                Operator = who.Name,
                Origin = who.Origin.ToString(),
                Action = action,
                Detail = detail is { Length: > DetailLength } ? detail[..DetailLength] : detail,
                Succeeded = succeeded,
                RemoteAddress = who.RemoteAddress,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
        {
            NotRecorded(logger, action, e.Message);
        }
    }

    /// <summary>The newest <paramref name="count"/> actions, newest first.</summary>
    public async Task<IReadOnlyList<OperatorAction>> RecentAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.OperatorActions.AsNoTracking().OrderByDescending(a => a.Id).Take(count).ToListAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator action {Action} by {Operator} ({Origin}): {Outcome} {Detail}")]
    private static partial void Recorded(ILogger logger, string action, string @operator, OperatorOrigin origin, string outcome, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator action {Action} could not be recorded in the database: {Reason}")]
    private static partial void NotRecorded(ILogger logger, string action, string reason);
}
