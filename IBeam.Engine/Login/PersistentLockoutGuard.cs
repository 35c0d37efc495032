using IBeam.Engine.Configuration;
using IBeam.Engine.Data;
using IBeam.Engine.Data.Entities;
using IBeam.Engine.Logging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Login;

/// <summary>
/// The lock-out guard kept in the database, so that restarts and crashes cannot reset it. Each
/// submission is counted in a committed transaction before it is made, and settled after the
/// page's answer; a process killed in between leaves it counted (start-up records that). Every
/// change is also written to the lock-out events, the audit of who reset the count and why it moved.
/// </summary>
public sealed class PersistentLockoutGuard(
    IDbContextFactory<IBeamDbContext> contexts,
    IOptionsMonitor<IBeamOptions> options,
    TimeProvider time,
    ILogger<PersistentLockoutGuard> logger) : ILockoutGuard
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LockoutRecord? _cached;

    private int Max => options.CurrentValue.Login.MaxFailedAuth;

    public LockoutState Current
    {
        get
        {
            var record = _cached ?? Load();
            return new LockoutState(record.FailedSubmissions, Max, record.StopReason is not null, record.StopReason);
        }
    }

    public async ValueTask<SubmissionTicket> BeginSubmissionAsync(CancellationToken cancellationToken)
    {
        var ticket = new SubmissionTicket(Guid.NewGuid(), time.GetUtcNow());
        string? refusal = null;
        await ChangeAsync((record, events) =>
        {
            if (record.StopReason is not null || record.FailedSubmissions >= Max)
            {
                if (record.StopReason is null)
                {
                    record.StopReason = StopMessage(record.FailedSubmissions);
                    events.Add(Event(LockoutEventKind.Stopped, record, detail: record.StopReason));
                }

                refusal = record.StopReason;
                return;
            }

            record.FailedSubmissions++; // counted until settled otherwise
            record.PendingSubmission = ticket.Id;
            record.PendingSince = ticket.StartedAt.UtcDateTime;
            events.Add(Event(LockoutEventKind.SubmissionStarted, record));
        }, cancellationToken);

        return refusal is null ? ticket : throw new LockoutGuardStoppedException(refusal);
    }

    public ValueTask SettleSucceededAsync(SubmissionTicket ticket, CancellationToken cancellationToken) =>
        ChangeAsync((record, events) =>
        {
            record.FailedSubmissions = 0;
            record.PendingSubmission = null;
            record.PendingSince = null;
            record.StopReason = null;
            events.Add(Event(LockoutEventKind.LoginSucceeded, record));
        }, cancellationToken);

    public ValueTask SettleFailedAsync(SubmissionTicket ticket, string reason, CancellationToken cancellationToken) =>
        ChangeAsync((record, events) =>
        {
            if (record.PendingSubmission != ticket.Id)
            {
                return;
            }

            record.PendingSubmission = null;
            record.PendingSince = null;
            events.Add(Event(LockoutEventKind.SubmissionFailed, record, detail: reason));
            EngineLog.SubmissionFailed(logger, record.FailedSubmissions, Max, reason);
            if (record.FailedSubmissions >= Max)
            {
                record.StopReason = StopMessage(record.FailedSubmissions);
                events.Add(Event(LockoutEventKind.Stopped, record, detail: record.StopReason));
                EngineLog.LockoutGuardStopped(logger, record.FailedSubmissions, Max);
            }
        }, cancellationToken);

    public ValueTask SettleNotCountedAsync(SubmissionTicket ticket, CancellationToken cancellationToken) =>
        ChangeAsync((record, events) =>
        {
            if (record.PendingSubmission != ticket.Id)
            {
                return;
            }

            record.FailedSubmissions = Math.Max(0, record.FailedSubmissions - 1);
            record.PendingSubmission = null;
            record.PendingSince = null;
            events.Add(Event(LockoutEventKind.SubmissionNotCounted, record));
        }, cancellationToken);

    public ValueTask ResetAsync(string operatorName, CancellationToken cancellationToken) =>
        ChangeAsync((record, events) =>
        {
            EngineLog.LockoutGuardReset(logger, operatorName, record.FailedSubmissions);

            // A submission still awaiting its answer keeps counting until it is settled.
            record.FailedSubmissions = record.PendingSubmission is null ? 0 : 1;
            record.StopReason = null;
            events.Add(Event(LockoutEventKind.Reset, record, by: operatorName));
        }, cancellationToken);

    private async ValueTask ChangeAsync(Action<LockoutRecord, List<LockoutEvent>> change, CancellationToken cancellationToken)
    {
        // Not cancellable once started: a half-settled count is worse than a late one.
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            await using var context = await contexts.CreateDbContextAsync(CancellationToken.None);
            var record = await context.Lockout.SingleOrDefaultAsync(CancellationToken.None);
            if (record is null)
            {
                record = new LockoutRecord();
                context.Lockout.Add(record);
            }

            var events = new List<LockoutEvent>();
            change(record, events);
            record.UpdatedAt = time.GetUtcNow().UtcDateTime;
            context.LockoutEvents.AddRange(events);
            await context.SaveChangesAsync(CancellationToken.None);
            _cached = record;
        }
        finally
        {
            _gate.Release();
        }
    }

    private LockoutRecord Load()
    {
        using var context = contexts.CreateDbContext();
        return _cached = context.Lockout.AsNoTracking().SingleOrDefault() ?? new LockoutRecord();
    }

    private LockoutEvent Event(LockoutEventKind kind, LockoutRecord record, string? by = null, string? detail = null) => new()
    {
        At = time.GetUtcNow().UtcDateTime,
        Kind = kind,
        FailedSubmissions = record.FailedSubmissions,
        By = by,
        Detail = detail,
    };

    private string StopMessage(int failed) =>
        $"{failed} consecutive failed login submissions reached IBEAM_MAX_FAILED_AUTH={Max}. IBeam stopped logging in so that IBKR does not lock the account " +
        "(IBKR locks it for 24 hours after 10). Log in once by hand to check the credentials, then reset the counter.";
}
