namespace IBeam.Engine.Configuration;

public enum SecretsSource
{
    /// <summary>The variables hold the secrets.</summary>
    Env,

    /// <summary>The variables hold paths of files that hold the secrets (Docker secrets).</summary>
    Fs,
}

public sealed class SecretsOptions
{
    [Setting("IBEAM_ACCOUNT", "IBKR username.", Secret = true)]
    public string? Account { get; set; }

    [Setting("IBEAM_PASSWORD", "IBKR password (Fernet-encrypted when IBEAM_KEY is set).", Secret = true)]
    public string? Password { get; set; }

    [Setting("IBEAM_KEY", "Fernet key that decrypts IBEAM_PASSWORD.", Secret = true)]
    public string? Key { get; set; }

    [Setting("IBEAM_SECRETS_SOURCE", "env: the variables hold the secrets; fs: they hold paths of files with the secrets.")]
    public SecretsSource Source { get; set; } = SecretsSource.Env;

    public override string ToString() => "SecretsOptions { redacted }";
}
