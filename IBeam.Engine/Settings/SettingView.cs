namespace IBeam.Engine.Settings;

/// <summary>Where a setting's effective value comes from.</summary>
public enum SettingSource
{
    Default,

    /// <summary>Stored at run time through the settings API.</summary>
    Stored,

    /// <summary>appsettings.json.</summary>
    File,
    Environment,
    CommandLine,

    /// <summary>Set by IBeam itself for the run (sandbox mode).</summary>
    Override,
}

/// <summary>One setting as the dashboard shows it. A secret's value is never included, only whether it is set.</summary>
public sealed record SettingView(
    string Name,
    string Description,
    string Value,
    string DefaultValue,
    SettingSource Source,
    bool Secret,
    bool RequiresRestart,
    bool Storable)
{
    /// <summary>Set where IBeam cannot change it (environment, command line): the dashboard shows it locked.</summary>
    public bool Locked => Source is SettingSource.Environment or SettingSource.CommandLine or SettingSource.Override || !Storable;
}

/// <summary>One change in the settings' audit.</summary>
public sealed record SettingChangeView(string Name, string? OldValue, string? NewValue, DateTime ChangedAt, string ChangedBy);

/// <summary>The answer to a change: applied (maybe only after a restart) or refused, and why.</summary>
public sealed record SettingChangeResult(bool Applied, bool RequiresRestart, IReadOnlyList<string> Problems)
{
    public static SettingChangeResult Refused(params string[] problems) => new(false, false, problems);
}
