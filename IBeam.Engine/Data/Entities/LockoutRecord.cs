namespace IBeam.Engine.Data.Entities;

/// <summary>The lock-out guard's memory: one row, written before each submission and settled after it.</summary>
public sealed class LockoutRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Consecutive failed submissions, counting the one under way.</summary>
    public int FailedSubmissions { get; set; }

    /// <summary>The submission under way, already counted; a process that dies leaves it counted.</summary>
    public Guid? PendingSubmission { get; set; }

    public DateTime? PendingSince { get; set; }

    /// <summary>Why attempts are stopped; null while they are allowed.</summary>
    public string? StopReason { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>What happened to the lock-out count: the audit trail behind <see cref="LockoutRecord"/>.</summary>
public sealed class LockoutEvent
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public LockoutEventKind Kind { get; set; }

    /// <summary>The count after the event.</summary>
    public int FailedSubmissions { get; set; }

    /// <summary>The operator, for a reset.</summary>
    public string? By { get; set; }

    public string? Detail { get; set; }
}

public enum LockoutEventKind
{
    SubmissionStarted,
    SubmissionFailed,
    SubmissionNotCounted,
    LoginSucceeded,
    Stopped,
    Reset,

    /// <summary>A submission was under way when the process ended; it stays counted.</summary>
    InterruptedSubmissionCounted,
}
