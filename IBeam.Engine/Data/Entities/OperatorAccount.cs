namespace IBeam.Engine.Data.Entities;

/// <summary>
/// The dashboard operator's password, set on first visit when IBEAM_DASHBOARD_PASSWORD is not given.
/// One row at most; only a salted hash is stored (ASP.NET Core Identity's PasswordHasher format).
/// </summary>
public sealed class OperatorAccount
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    public string PasswordHash { get; set; } = "";

    public DateTime SetAt { get; set; }

    /// <summary>Where it was set from (the first-visit page, a password change), for the audit.</summary>
    public string SetBy { get; set; } = "";
}
