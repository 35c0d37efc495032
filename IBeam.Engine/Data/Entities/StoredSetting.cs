namespace IBeam.Engine.Data.Entities;

/// <summary>A setting an operator stored at run time. A secret's value is encrypted with ASP.NET Core Data Protection.</summary>
public sealed class StoredSetting
{
    public string Name { get; set; } = "";

    /// <summary>The value as text; for a secret, its Data Protection ciphertext.</summary>
    public string Value { get; set; } = "";

    public bool Protected { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}

/// <summary>The audit of one settings change: who, when, from what to what (secrets: only that they changed).</summary>
public sealed class SettingChange
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    public DateTime ChangedAt { get; set; }

    public string ChangedBy { get; set; } = "";
}
