using IBeam.Engine.Login;

namespace IBeam.Engine.Data.Entities;

/// <summary>
/// One login, written when it starts and updated at each step, so that a process that dies
/// mid-login leaves a row the next start marks <see cref="LoginOutcome.Interrupted"/>.
/// Holds no password and at most the last two digits of a code.
/// </summary>
public sealed class LoginAttempt
{
    public Guid Id { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>Null while the login runs (or if the process died during it).</summary>
    public DateTime? EndedAt { get; set; }

    public LoginTrigger Trigger { get; set; }

    /// <summary>The authentication strategy (A or B) in force.</summary>
    public string Strategy { get; set; } = "";

    /// <summary>The configured 2FA handler, if any.</summary>
    public string? Handler { get; set; }

    public LoginOutcome? Outcome { get; set; }

    public string? Error { get; set; }

    public bool CountedAsFailure { get; set; }

    /// <summary>Where the code came from (the handler's name), when one was obtained.</summary>
    public string? CodeSource { get; set; }

    /// <summary>The code with all but its last two digits hidden.</summary>
    public string? MaskedCode { get; set; }

    public string? Screenshot { get; set; }

    public List<LoginAttemptStep> Steps { get; set; } = [];
}

/// <summary>A step a login reached, and when.</summary>
public sealed class LoginAttemptStep
{
    public long Id { get; set; }

    public Guid AttemptId { get; set; }

    public LoginStep Step { get; set; }

    public DateTime At { get; set; }

    public string? Detail { get; set; }
}
