namespace IBeam.Engine.Sandbox;

/// <summary>The sandbox's only user. Not a secret: the sandbox is a simulator.</summary>
public static class SandboxAccount
{
    public const string UserName = "sandboxuser";

    public const string Password = "sandbox-password";

    /// <summary>The secret of the user's Mobile Authenticator App (base32, 160 bits): IBEAM_TOTP_SECRET for the sandbox.</summary>
    public const string TotpSecret = "IBEAMSANDBOXTOTPSECRETKEY2345672";

    /// <summary>IBKR locks an account after this many consecutive failed logins.</summary>
    public const int LockoutThreshold = 10;
}
