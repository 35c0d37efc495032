using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Configuration;

/// <summary>The IBKR username and clear password, held only for the duration of a login.</summary>
public sealed record Credentials(string Account, string Password)
{
    // Records print their members; this one must never print the password.
    public override string ToString() => $"Credentials {{ Account = {Account} }}";
}

public sealed class CredentialsException(string message) : Exception(message);

/// <summary>
/// Reads the credentials as IBeam does: from the variables themselves, or (with
/// <c>IBEAM_SECRETS_SOURCE=fs</c>) from the files they name; the password is Fernet-decrypted
/// when <c>IBEAM_KEY</c> is set. Read at each login, so rotated secret files are picked up.
/// </summary>
public sealed class CredentialsProvider(IOptionsMonitor<IBeamOptions> options)
{
    public Credentials Read()
    {
        var secrets = options.CurrentValue.Secrets;
        var account = Resolve("IBEAM_ACCOUNT", secrets.Account, secrets.Source);
        var password = Resolve("IBEAM_PASSWORD", secrets.Password, secrets.Source);
        var key = Resolve("IBEAM_KEY", secrets.Key, secrets.Source, required: false);

        return new Credentials(account!, key is null ? password! : Decrypt(password!, key));
    }

    /// <summary>Every problem that would stop <see cref="Read"/>, one message each.</summary>
    public static IReadOnlyList<string> Check(SecretsOptions secrets)
    {
        var problems = new List<string>();
        string? Try(Func<string?> read)
        {
            try
            {
                return read();
            }
            catch (CredentialsException e)
            {
                problems.Add(e.Message);
                return null;
            }
        }

        Try(() => Resolve("IBEAM_ACCOUNT", secrets.Account, secrets.Source));
        var password = Try(() => Resolve("IBEAM_PASSWORD", secrets.Password, secrets.Source));
        var key = Try(() => Resolve("IBEAM_KEY", secrets.Key, secrets.Source, required: false));
        if (password is not null && key is not null)
        {
            Try(() => Decrypt(password, key));
        }

        return problems;
    }

    private static string Decrypt(string password, string key)
    {
        try
        {
            return Encoding.UTF8.GetString(Fernet.Decrypt(password, key));
        }
        catch (CryptographicException e)
        {
            throw new CredentialsException($"IBEAM_KEY does not decrypt IBEAM_PASSWORD: {e.Message}");
        }
    }

    private static string? Resolve(string name, string? value, SecretsSource source, bool required = true)
    {
        if (string.IsNullOrEmpty(value))
        {
            return required
                ? throw new CredentialsException($"{name} is not set; a login needs it (set it in the environment, or with IBEAM_SECRETS_SOURCE=fs the path of a file holding it).")
                : null;
        }

        if (source == SecretsSource.Env)
        {
            return value;
        }

        if (!File.Exists(value))
        {
            // The value is not quoted: when it names no file, it may well be the secret itself
            // (IBEAM_SECRETS_SOURCE switched to fs while the variable still holds the password).
            throw new CredentialsException($"{name} names a file that does not exist (IBEAM_SECRETS_SOURCE=fs); set it to the path of the file holding the secret.");
        }

        try
        {
            var text = File.ReadAllText(value).TrimEnd('\r', '\n');
            return text.Length > 0 || !required
                ? text
                : throw new CredentialsException($"{name} names the file '{value}', which is empty (IBEAM_SECRETS_SOURCE=fs).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CredentialsException($"{name} names the file '{value}', which cannot be read: {e.Message}");
        }
    }
}
