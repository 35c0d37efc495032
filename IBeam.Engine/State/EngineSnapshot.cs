using IBeam.Engine.Gateway;
using IBeam.Engine.Login;
using IBeam.Engine.TwoFactor;

namespace IBeam.Engine.State;

/// <summary>
/// Everything the engine publishes about itself at one moment. Immutable; each change makes a
/// new snapshot with a higher <see cref="Version"/>.
/// </summary>
public sealed record EngineSnapshot
{
    public long Version { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public EnginePhase Phase { get; init; } = EnginePhase.Starting;

    /// <summary>Whether maintenance runs (IBEAM_START_ACTIVE, activate, deactivate).</summary>
    public bool Active { get; init; }

    public GatewayStatus Gateway { get; init; } = GatewayStatus.Unknown;

    /// <summary>The login under way, if any.</summary>
    public AttemptProgress? Attempt { get; init; }

    /// <summary>Set while a 2FA code or a push approval is awaited.</summary>
    public TwoFactorWait? TwoFactor { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public DateTimeOffset? NextMaintenanceAt { get; init; }

    public int FailedSubmissions { get; init; }

    public int MaxFailedSubmissions { get; init; }

    /// <summary>The last code a handler produced in this run (which handler, when; never the code).</summary>
    public ProducedCode? LastCode { get; init; }

    /// <summary>Why attempts are stopped (lock-out guard, configuration), if they are.</summary>
    public string? StopReason { get; init; }

    /// <summary>The last time a strategy gave up restoring the session, if it ever did in this run.</summary>
    public RestoreFailure? LastRestoreFailure { get; init; }

    /// <summary>
    /// Set when the engine can no longer work without a restart: the maintenance loop itself ended
    /// with an unhandled exception (a failed pass is not fatal: the loop logs it and goes on).
    /// The health server's /livez answers 500 from then on.
    /// </summary>
    public string? FatalError { get; init; }
}

/// <summary>One login's progress.</summary>
public sealed record AttemptProgress(Guid Id, LoginTrigger Trigger, DateTimeOffset StartedAt, LoginStep Step, DateTimeOffset StepAt);

/// <summary>A handler produced a code at <paramref name="At"/>.</summary>
public sealed record ProducedCode(string Source, DateTimeOffset At);

/// <summary>A 2FA wait: which handler is asked, until when, what the page said, and any pairing the handler needs first.</summary>
public sealed record TwoFactorWait(string Handler, DateTimeOffset Deadline, string? Prompt, bool Push)
{
    public PairingView? Pairing { get; init; }
}
