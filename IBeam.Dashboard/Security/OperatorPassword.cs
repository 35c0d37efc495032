using System.Security.Cryptography;
using System.Text;
using IBeam.Engine.Configuration;
using IBeam.Engine.Data;
using IBeam.Engine.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IBeam.Dashboard.Security;

/// <summary>
/// The dashboard operator's password: IBEAM_DASHBOARD_PASSWORD when given, else the one set on the
/// first visit, stored only as a salted hash (ASP.NET Core Identity's PBKDF2 format).
/// </summary>
public sealed class OperatorPassword(IDbContextFactory<IBeamDbContext> contexts, IOptionsMonitor<IBeamOptions> options, TimeProvider time)
{
    /// <summary>The one operator's name, as the audit records it.</summary>
    public const string OperatorName = "operator";

    public const int MinimumLength = 10;

    private static readonly PasswordHasher<OperatorAccount> Hasher = new();

    private string? Configured => options.CurrentValue.Dashboard.Password is { Length: > 0 } password ? password : null;

    /// <summary>True when a password exists, from the environment or set on a first visit.</summary>
    public async Task<bool> IsSetAsync(CancellationToken cancellationToken = default) =>
        Configured is not null || await StoredHashAsync(cancellationToken) is not null;

    /// <summary>Whether <paramref name="candidate"/> is the operator's password.</summary>
    public async Task<bool> VerifyAsync(string? candidate, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(candidate))
        {
            return false;
        }

        if (Configured is { } configured)
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(configured));
        }

        return await StoredHashAsync(cancellationToken) is { } hash
            && Hasher.VerifyHashedPassword(new OperatorAccount(), hash, candidate) != PasswordVerificationResult.Failed;
    }

    /// <summary>
    /// Sets the password on the first visit. Refused (false, with the reason) once one exists: the
    /// first visitor sets it, nobody can replace it through this path afterwards.
    /// </summary>
    public async Task<(bool Set, string? Problem)> SetInitialAsync(string? password, string? confirmation, string setBy, CancellationToken cancellationToken = default)
    {
        if (password is null || password.Length < MinimumLength)
        {
            return (false, $"The password needs at least {MinimumLength} characters.");
        }

        if (password != confirmation)
        {
            return (false, "The two passwords differ.");
        }

        if (await IsSetAsync(cancellationToken))
        {
            return (false, "A password is already set; sign in with it.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.OperatorAccount.Add(new OperatorAccount
        {
            PasswordHash = Hasher.HashPassword(new OperatorAccount(), password),
            SetAt = time.GetUtcNow().UtcDateTime,
            SetBy = setBy,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (true, null);
        }
        catch (DbUpdateException)
        {
            // Another first visit won the race (the table holds one row at most).
            return (false, "A password is already set; sign in with it.");
        }
    }

    private async Task<string?> StoredHashAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.OperatorAccount.AsNoTracking().Where(a => a.Id == OperatorAccount.SingleId).Select(a => a.PasswordHash).FirstOrDefaultAsync(cancellationToken);
    }
}
