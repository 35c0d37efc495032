namespace IBeam.Engine.Sandbox;

/// <summary>The sandbox's only user. Not a secret: the sandbox is a simulator.</summary>
public static class SandboxAccount
{
    public const string UserName = "sandboxuser";

    public const string Password = "sandbox-password";

    /// <summary>IBKR locks an account after this many consecutive failed logins.</summary>
    public const int LockoutThreshold = 10;
}
