using System.Reflection;

namespace IBeam.Engine.Configuration;

/// <summary>One setting: its key, meaning and default, and where its value lives in <see cref="IBeamOptions"/>.</summary>
public sealed record SettingDescriptor(SettingAttribute Setting, PropertyInfo Group, PropertyInfo Property, string DefaultText)
{
    public string Name => Setting.Name;

    public Type ValueType => Property.PropertyType;

    /// <summary>Every setting of <see cref="IBeamOptions"/>, in declaration order.</summary>
    public static IReadOnlyList<SettingDescriptor> All { get; } = Describe();

    public object? GetValue(IBeamOptions options) => Property.GetValue(Group.GetValue(options));

    public void SetValue(IBeamOptions options, object? value) => Property.SetValue(Group.GetValue(options), value);

    private static List<SettingDescriptor> Describe()
    {
        var defaults = new IBeamOptions();
        var list = new List<SettingDescriptor>();
        foreach (var group in typeof(IBeamOptions).GetProperties().Where(p => p.PropertyType.IsClass && p.CanWrite))
        {
            foreach (var property in group.PropertyType.GetProperties())
            {
                if (property.GetCustomAttribute<SettingAttribute>() is not { } setting)
                {
                    continue;
                }

                var value = property.GetValue(group.GetValue(defaults));
                list.Add(new SettingDescriptor(setting, group, property, SettingValueText.Format(value)));
            }
        }

        return list;
    }
}
