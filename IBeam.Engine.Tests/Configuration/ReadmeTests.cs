using System.Text.RegularExpressions;
using IBeam.Engine.Configuration;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Configuration;

/// <summary>The README is part of the feature: it documents every setting, and no setting that does not exist.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = Repository.ReadText("README.md");

    [Fact]
    public void Every_setting_is_documented()
    {
        var missing = SettingDescriptor.All.Select(s => s.Name).Where(name => !Readme.Contains(name, StringComparison.Ordinal)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_documented_variable_exists()
    {
        // IBeam's older names (IBEAM_PYOTP_SECRET, …) are documented as aliases of the settings.
        var known = SettingDescriptor.All.SelectMany(s => s.Setting.Aliases.Prepend(s.Name)).ToHashSet();
        var documented = VariableName().Matches(Readme).Select(m => m.Value.TrimEnd('_')).Distinct();

        // "IBEAM_EXTERNAL_REQUEST_URL, _METHOD, …" shorthand and prefixes such as IBEAM_* are fine.
        var unknown = documented.Where(name => !known.Contains(name) && !known.Any(k => k.StartsWith(name + "_", StringComparison.Ordinal))).ToList();

        Assert.Empty(unknown);
    }

    [GeneratedRegex(@"IBEAM_[A-Z_]+")]
    private static partial Regex VariableName();
}
