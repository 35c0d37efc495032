using IBeam.Engine.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.TwoFactor;

public enum ManualSubmission
{
    /// <summary>The code was handed to the waiting login.</summary>
    Accepted,

    /// <summary>No login is waiting for a code.</summary>
    NotAwaited,

    /// <summary>Another submission already gave this login its code.</summary>
    AlreadyTaken,

    /// <summary>Not a code the rules accept; the login keeps waiting.</summary>
    Malformed,
}

public sealed record ManualSubmissionResult(ManualSubmission Outcome, string Message)
{
    public bool Accepted => Outcome == ManualSubmission.Accepted;
}

/// <summary>
/// Where an operator hands a login its code (the dashboard's code field, the REST API). One code
/// is awaited at a time; the first valid submission wins.
/// </summary>
public sealed class ManualCodeInbox(IOptionsMonitor<IBeamOptions> options, TimeProvider time, ILogger<ManualCodeInbox> logger)
{
    /// <summary>How long "already taken" is said after a code was taken, rather than "nothing is awaited".</summary>
    private static readonly TimeSpan TakenMemory = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private TaskCompletionSource<string>? _waiting;
    private DateTimeOffset? _takenAt;

    /// <summary>True while a login waits for a code typed by an operator.</summary>
    public bool IsAwaiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting is not null;
            }
        }
    }

    /// <summary>Waits for an operator's code; only one wait at a time (logins run one after another).</summary>
    internal async Task<string> WaitAsync(CancellationToken cancellationToken)
    {
        var waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiting?.TrySetCanceled();
            _waiting = waiting;
            _takenAt = null;
        }

        // The wait ends the moment it is cancelled (the engine's deadline), so no late code is "accepted" into a login that moved on.
        await using var ended = cancellationToken.Register(() => Forget(waiting));
        try
        {
            return await waiting.Task;
        }
        finally
        {
            Forget(waiting);
        }
    }

    private void Forget(TaskCompletionSource<string> waiting)
    {
        lock (_gate)
        {
            if (_waiting == waiting)
            {
                _waiting = null;
            }
        }

        waiting.TrySetCanceled();
    }

    /// <summary>Hands <paramref name="code"/> to the waiting login. Never logs or returns the code itself.</summary>
    public ManualSubmissionResult Submit(string? code, string submittedBy)
    {
        lock (_gate)
        {
            if (_waiting is null)
            {
                var taken = _takenAt is { } at && time.GetUtcNow() - at < TakenMemory;
                ManualCodeLog.Refused(logger, submittedBy, taken ? "already taken" : "nothing awaited");
                return taken
                    ? new ManualSubmissionResult(ManualSubmission.AlreadyTaken, $"A code was already taken for this login at {_takenAt:HH:mm:ss} UTC; this one was not used.")
                    : new ManualSubmissionResult(ManualSubmission.NotAwaited, "No login is waiting for a code right now; nothing was typed.");
            }

            if (!TwoFactorCode.TryNormalize(code, options.CurrentValue.TwoFactor.StrictCode, out var normalized, out var reason))
            {
                ManualCodeLog.Refused(logger, submittedBy, "malformed");
                return new ManualSubmissionResult(ManualSubmission.Malformed, $"Not used: {reason.Replace("the handler returned", "you entered", StringComparison.Ordinal)}. The login still waits for a code.");
            }

            _waiting.TrySetResult(normalized);
            _waiting = null;
            _takenAt = time.GetUtcNow();
            ManualCodeLog.Accepted(logger, submittedBy, TwoFactorCode.Mask(normalized));
            return new ManualSubmissionResult(ManualSubmission.Accepted, "Code accepted: it is being typed into the gateway's page.");
        }
    }
}

internal static partial class ManualCodeLog
{
    [LoggerMessage(LogLevel.Information, "2FA code {MaskedCode} submitted by {SubmittedBy}")]
    public static partial void Accepted(ILogger logger, string submittedBy, string maskedCode);

    [LoggerMessage(LogLevel.Warning, "2FA code submitted by {SubmittedBy} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string submittedBy, string reason);
}
