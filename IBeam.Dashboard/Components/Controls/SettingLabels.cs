using IBeam.Engine.Configuration;
using IBeam.Engine.Settings;

namespace IBeam.Dashboard.Components.Controls;

/// <summary>How the settings page words a setting: its area, its source, why it is locked, what it accepts.</summary>
public static class SettingLabels
{
    // Options groups in the order an operator meets them; the 2FA handlers' own groups share one area.
    private static readonly (string Group, string Area)[] Areas =
    [
        (nameof(IBeamOptions.Gateway), "Gateway"),
        (nameof(IBeamOptions.Maintenance), "Maintenance"),
        (nameof(IBeamOptions.Login), "Login"),
        (nameof(IBeamOptions.Secrets), "Credentials"),
        (nameof(IBeamOptions.Elements), "Page elements"),
        (nameof(IBeamOptions.TwoFactor), "Two-factor"),
        (nameof(IBeamOptions.ExternalRequest), "2FA handlers"),
        (nameof(IBeamOptions.ManualCode), "2FA handlers"),
        (nameof(IBeamOptions.SmsWebhook), "2FA handlers"),
        (nameof(IBeamOptions.CustomHandler), "2FA handlers"),
        (nameof(IBeamOptions.Totp), "2FA handlers"),
        (nameof(IBeamOptions.NotificationResend), "2FA handlers"),
        (nameof(IBeamOptions.GoogleMessages), "2FA handlers"),
        (nameof(IBeamOptions.Inbound), "Inbound server"),
        (nameof(IBeamOptions.Dashboard), "Dashboard and API"),
        (nameof(IBeamOptions.Logging), "Logging and storage"),
        (nameof(IBeamOptions.Storage), "Logging and storage"),
        (nameof(IBeamOptions.Sandbox), "Sandbox"),
    ];

    private static readonly IReadOnlyDictionary<string, SettingDescriptor> Descriptors =
        SettingDescriptor.All.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The area a setting is shown in; a group added later without an area here shows under its own name.</summary>
    public static string Area(string name)
    {
        var group = Descriptors[name].Group.Name;
        return Areas.FirstOrDefault(a => a.Group == group).Area ?? group;
    }

    /// <summary>Where an area comes in the page (unknown areas last).</summary>
    public static int AreaOrder(string area)
    {
        var index = Array.FindIndex(Areas, a => a.Area == area);
        return index < 0 ? Areas.Length : index;
    }

    public static string Source(SettingSource source) => source switch
    {
        SettingSource.Default => "default",
        SettingSource.Stored => "stored",
        SettingSource.File => "appsettings.json",
        SettingSource.Environment => "environment",
        SettingSource.CommandLine => "command line",
        _ => "sandbox override",
    };

    /// <summary>Why the dashboard cannot change the setting, or null when it can.</summary>
    public static string? LockReason(SettingView setting, bool secretsFromFiles) => setting switch
    {
        { Storable: false } => "Only the environment or the command line can set this: IBeam needs it before it reads stored settings.",
        { Source: SettingSource.Environment } => "Set by an environment variable, which takes precedence over stored settings; change it there.",
        { Source: SettingSource.CommandLine } => "Set on the command line, which takes precedence over stored settings; change it there.",
        { Source: SettingSource.Override } => "Set by IBeam itself for this run (sandbox mode).",
        { Secret: true } when secretsFromFiles => "IBEAM_SECRETS_SOURCE is fs: this secret is read from the file its variable names.",
        _ => null,
    };

    /// <summary>What the value must look like, from the setting's type.</summary>
    public static string Hint(string name)
    {
        var descriptor = Descriptors[name];
        var type = Nullable.GetUnderlyingType(descriptor.ValueType) ?? descriptor.ValueType;
        return type switch
        {
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) => "A whole number",
            _ when type == typeof(TimeSpan) => "Seconds",
            _ when type == typeof(Uri) => "An absolute http or https URL",
            _ when type.IsEnum => $"One of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToUpperInvariant()))}",
            _ when type == typeof(ElementSelector) => $"KIND@@VALUE, KIND one of {string.Join(", ", ElementSelector.Kinds)}; a bare value is a {descriptor.Setting.BareElementKind}",
            _ when type == typeof(IReadOnlyDictionary<string, string>) => "A JSON object such as {\"name\": \"value\"}",
            _ => "Text",
        };
    }

    /// <summary>True for values written over several lines (JSON objects).</summary>
    public static bool Multiline(string name) => Descriptors[name].ValueType == typeof(IReadOnlyDictionary<string, string>);
}
