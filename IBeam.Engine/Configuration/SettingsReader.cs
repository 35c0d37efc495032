using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Configuration;

/// <summary>
/// Fills <see cref="IBeamOptions"/> from configuration (environment, appsettings.json, command
/// line), keyed by the IBeam variable names. Unlike the stock binder, which stops at the first
/// bad value, it records every unreadable value so start-up can name them all at once.
/// </summary>
public sealed class SettingsReader(IConfiguration configuration) : IConfigureOptions<IBeamOptions>
{
    public void Configure(IBeamOptions options) => Read(configuration, options);

    public static void Read(IConfiguration configuration, IBeamOptions options)
    {
        foreach (var descriptor in SettingDescriptor.All)
        {
            var (key, text) = Find(configuration, descriptor.Setting);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue; // unset, or set to nothing as compose files often do: the default stands
            }

            if (SettingValueText.TryParse(text, descriptor.ValueType, descriptor.Setting, out var value, out var problem))
            {
                descriptor.SetValue(options, value);
            }
            else
            {
                options.ReadErrors.Add($"{key} {problem}.");
            }
        }
    }

    /// <summary>The configuration key that set this setting (its name, or an alias), and its text.</summary>
    public static (string Key, string? Text) Find(IConfiguration configuration, SettingAttribute setting)
    {
        foreach (var key in setting.Aliases.Prepend(setting.Name))
        {
            if (configuration[key] is { } text)
            {
                return (key, text);
            }
        }

        return (setting.Name, null);
    }
}
