using System.CommandLine;

namespace IBeam.Dashboard.CommandLine;

/// <summary>What the executable was asked to do; IBeam's starter flags, plus the sandbox.</summary>
public enum IBeamVerb
{
    /// <summary>No flag: web UI plus maintenance.</summary>
    Web,
    Authenticate,
    Check,
    Tickle,
    Start,
    Kill,
    Maintain,

    /// <summary>Only the sandbox gateway, until stopped (to try other tools against it, or as a test's gateway process).</summary>
    SandboxGateway,
}

/// <summary>The parsed command line: the verb, whether to run against the sandbox, and the arguments left for ASP.NET configuration.</summary>
public sealed record IBeamCommand(IBeamVerb Verb, bool Sandbox, string[] ConfigurationArgs, IReadOnlyList<string> Errors)
{
    private static readonly (IBeamVerb Verb, string Name, string Alias, string Description)[] Verbs =
    [
        (IBeamVerb.Authenticate, "--authenticate", "-a", "Run one login pass; exit 0 when authenticated, 1 when not."),
        (IBeamVerb.Check, "--check", "-c", "Print the gateway's status; exit 0 when authenticated, 1 when not."),
        (IBeamVerb.Tickle, "--tickle", "-t", "Tickle the gateway's session; exit 0 when it has one, 1 when not."),
        (IBeamVerb.Start, "--start", "-s", "Start the gateway (IBEAM_GATEWAY_DIR) and wait until it answers."),
        (IBeamVerb.Kill, "--kill", "-k", "Stop the gateway process."),
        (IBeamVerb.Maintain, "--maintain", "-m", "Keep the session alive without the web UI."),
        (IBeamVerb.SandboxGateway, "--sandbox-gateway", "", "Run only the sandbox gateway (IBEAM_SANDBOX_PORT)."),
    ];

    public static IBeamCommand Parse(string[] args)
    {
        var root = new RootCommand("IBeam for .NET: authenticates and maintains an IBKR Client Portal Gateway session.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var options = Verbs.Select(v => (v.Verb, Option: new Option<bool>(v.Name, v.Alias.Length > 0 ? [v.Alias] : []) { Description = v.Description })).ToList();
        options.ForEach(o => root.Options.Add(o.Option));
        var sandbox = new Option<bool>("--sandbox") { Description = "Start the built-in sandbox gateway and log in to it (IBEAM_SANDBOX=true)." };
        root.Options.Add(sandbox);

        var result = root.Parse(args);
        var chosen = options.Where(o => result.GetValue(o.Option)).Select(o => o.Verb).ToList();
        var errors = result.Errors.Select(e => e.Message).ToList();
        if (chosen.Count > 1)
        {
            errors.Add($"Choose one of {string.Join(", ", chosen.Select(v => Verbs.First(x => x.Verb == v).Name))}, not several.");
        }

        return new IBeamCommand(chosen.FirstOrDefault(IBeamVerb.Web), result.GetValue(sandbox), [.. result.UnmatchedTokens], errors);
    }

    /// <summary>Whether this command logs in with nobody to supply credentials later, so they must be there at start.</summary>
    public bool RequiresCredentials => Verb is IBeamVerb.Maintain or IBeamVerb.Authenticate;

    public static string Usage =>
        "Usage: IBeam.Dashboard [--sandbox] [" + string.Join(" | ", Verbs.Select(v => v.Alias.Length > 0 ? $"{v.Name}|{v.Alias}" : v.Name)) + "] [--IBEAM_NAME=value ...]";
}
