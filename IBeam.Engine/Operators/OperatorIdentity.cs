namespace IBeam.Engine.Operators;

/// <summary>Who asked for an action, and through what: recorded with the action.</summary>
/// <param name="Name">The signed-in operator's name, "api" for a token, "command line", …</param>
/// <param name="Origin">Dashboard, Api, Health or CommandLine.</param>
/// <param name="RemoteAddress">The client's address when the request came over HTTP.</param>
public sealed record OperatorIdentity(string Name, OperatorOrigin Origin, string? RemoteAddress = null)
{
    public static OperatorIdentity CommandLine { get; } = new("command line", OperatorOrigin.CommandLine);
}

public enum OperatorOrigin
{
    Dashboard,
    Api,
    Health,
    CommandLine,
}
