using IBeam.Engine.Configuration;
using IBeam.Engine.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Login;

/// <summary>
/// The lock-out guard held in memory: it forgets its count when the process ends. The persistent
/// guard (SQLite) replaces it; the rules are the same.
/// </summary>
public sealed class InMemoryLockoutGuard(IOptions<IBeamOptions> options, TimeProvider time, ILogger<InMemoryLockoutGuard> logger) : ILockoutGuard
{
    private readonly Lock _gate = new();
    private readonly HashSet<Guid> _pending = [];
    private int _failed;
    private string? _stopReason;

    private int Max => options.Value.Login.MaxFailedAuth;

    public LockoutState Current
    {
        get
        {
            lock (_gate)
            {
                return new LockoutState(_failed, Max, _stopReason is not null, _stopReason);
            }
        }
    }

    public ValueTask<SubmissionTicket> BeginSubmissionAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_stopReason is not null || _failed >= Max)
            {
                _stopReason ??= StopMessage();
                throw new LockoutGuardStoppedException(_stopReason);
            }

            var ticket = new SubmissionTicket(Guid.NewGuid(), time.GetUtcNow());
            _pending.Add(ticket.Id);
            _failed++; // counted until settled otherwise
            return ValueTask.FromResult(ticket);
        }
    }

    public ValueTask SettleSucceededAsync(SubmissionTicket ticket, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _pending.Remove(ticket.Id);
            _failed = 0;
            _stopReason = null;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SettleFailedAsync(SubmissionTicket ticket, string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_pending.Remove(ticket.Id))
            {
                return ValueTask.CompletedTask;
            }

            EngineLog.SubmissionFailed(logger, _failed, Max, reason);
            if (_failed >= Max)
            {
                _stopReason = StopMessage();
                EngineLog.LockoutGuardStopped(logger, _failed, Max);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask SettleNotCountedAsync(SubmissionTicket ticket, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_pending.Remove(ticket.Id))
            {
                _failed--;
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ResetAsync(string operatorName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            EngineLog.LockoutGuardReset(logger, operatorName, _failed);
            _failed = _pending.Count;
            _stopReason = null;
        }

        return ValueTask.CompletedTask;
    }

    private string StopMessage() =>
        $"{_failed} consecutive failed login submissions reached IBEAM_MAX_FAILED_AUTH={Max}. IBeam stopped logging in so that IBKR does not lock the account " +
        "(IBKR locks it for 24 hours after 10). Log in once by hand to check the credentials, then reset the counter.";
}
