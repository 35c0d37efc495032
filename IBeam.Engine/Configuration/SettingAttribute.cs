namespace IBeam.Engine.Configuration;

/// <summary>
/// Marks an options property as an IBeam setting: the configuration key it is read from (an
/// <c>IBEAM_*</c> name, the same in the environment, appsettings.json and on the command line)
/// and what it means. The property's initial value is the setting's default.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    /// <summary>Other keys that set the same value (IBeam renamed a few variables over time).</summary>
    public string[] Aliases { get; init; } = [];

    /// <summary>Smallest accepted value for numbers and durations.</summary>
    public double Min { get; init; } = double.MinValue;

    /// <summary>Largest accepted value for numbers and durations.</summary>
    public double Max { get; init; } = double.MaxValue;

    /// <summary>For page elements: the kind a bare value (no <c>KIND@@</c>) has, as in IBeam's older variables.</summary>
    public string BareElementKind { get; init; } = "CSS_SELECTOR";

    /// <summary>A change takes effect only when IBeam restarts (the value is used once, at start-up).</summary>
    public bool RequiresRestart { get; init; }

    /// <summary>False for settings that cannot come from the database (they say where the database is, or how IBeam starts).</summary>
    public bool Storable { get; init; } = true;

    /// <summary>A secret is never logged, shown or returned.</summary>
    public bool Secret { get; init; }
}
