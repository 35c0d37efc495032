using System.Security.Cryptography;
using IBeam.Engine.Data;
using Microsoft.AspNetCore.DataProtection;

namespace IBeam.Engine.Settings;

/// <summary>
/// Encrypts stored secrets (account, password) with ASP.NET Core Data Protection. The keys live
/// beside the database in a folder only IBeam's user can read: together they decrypt the secrets,
/// so back them up and protect them together.
/// </summary>
public sealed class StoredSecretProtector
{
    private const string Purpose = "IBeam.StoredSettings.v1";
    private readonly IDataProtector _protector;

    public StoredSecretProtector(DatabaseLocation location)
    {
        var keys = Directory.CreateDirectory(location.KeysDirectory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keys.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _protector = DataProtectionProvider.Create(keys, builder => builder.SetApplicationName("IBeam")).CreateProtector(Purpose);
    }

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The secret, or null when it cannot be decrypted (the keys were lost or replaced).</summary>
    public string? TryUnprotect(string ciphertext)
    {
        try
        {
            return _protector.Unprotect(ciphertext);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
