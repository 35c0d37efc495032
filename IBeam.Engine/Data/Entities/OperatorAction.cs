namespace IBeam.Engine.Data.Entities;

/// <summary>
/// One thing an operator did (log in now, deactivate, reset the lock-out counter, submit a code,
/// sign in): who, when, through what, and how it ended. Never holds a password or a whole code.
/// </summary>
public sealed class OperatorAction
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>The operator's name as signed in ("operator", "api", "health endpoint").</summary>
    public string Operator { get; set; } = "";

    /// <summary>Dashboard, Api, Health, CommandLine.</summary>
    public string Origin { get; set; } = "";

    /// <summary>What was asked, as a short stable name: "LogInNow", "Deactivate", "ResetLockout", "SignIn", …</summary>
    public string Action { get; set; } = "";

    /// <summary>Free text: the outcome or the reason it was refused.</summary>
    public string? Detail { get; set; }

    public bool Succeeded { get; set; }

    /// <summary>The client's address, when the action came over HTTP.</summary>
    public string? RemoteAddress { get; set; }
}
