namespace IBeam.Engine.Login;

/// <summary>The guard's count of consecutive failed submissions and whether it has stopped attempts.</summary>
public sealed record LockoutState(int FailedSubmissions, int MaxFailedSubmissions, bool Stopped, string? Reason);

/// <summary>A submission under way: counted as failed until it is settled otherwise.</summary>
public sealed record SubmissionTicket(Guid Id, DateTimeOffset StartedAt);

public sealed class LockoutGuardStoppedException(string message) : Exception(message);

/// <summary>
/// Keeps IBeam's first law: never walk the account into IBKR's lock-out. Counts consecutive
/// failed submissions (wrong credentials, rejected codes, unanswered submissions when
/// IBEAM_COUNT_TIMEOUT_AS_FAILED) and refuses a submission once IBEAM_MAX_FAILED_AUTH is reached.
/// A submission counts as failed from the moment it begins until it is settled, so a process
/// that dies mid-submission has already counted it.
/// </summary>
public interface ILockoutGuard
{
    LockoutState Current { get; }

    /// <summary>Reserves one submission; throws <see cref="LockoutGuardStoppedException"/> when none is allowed.</summary>
    ValueTask<SubmissionTicket> BeginSubmissionAsync(CancellationToken cancellationToken);

    /// <summary>The login succeeded: the count returns to zero.</summary>
    ValueTask SettleSucceededAsync(SubmissionTicket ticket, CancellationToken cancellationToken);

    /// <summary>The submission failed: it stays counted; at the maximum the guard stops attempts.</summary>
    ValueTask SettleFailedAsync(SubmissionTicket ticket, string reason, CancellationToken cancellationToken);

    /// <summary>The submission ended without IBKR judging it (abandoned before the code, page fault): it is not counted.</summary>
    ValueTask SettleNotCountedAsync(SubmissionTicket ticket, CancellationToken cancellationToken);

    /// <summary>An operator confirmed the account is fine (for example after logging in by hand): the count returns to zero.</summary>
    ValueTask ResetAsync(string operatorName, CancellationToken cancellationToken);
}
