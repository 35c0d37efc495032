using IBeam.Engine.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace IBeam.Engine.Settings;

/// <summary>
/// Settings stored by operators at run time, as a configuration source. It sits below the
/// environment and the command line and above appsettings.json, so the precedence is:
/// environment and command line, then stored setting, then file, then default. A change reloads
/// it, and the engine's options follow.
/// </summary>
public sealed class StoredSettingsProvider(DatabaseLocation location, StoredSecretProtector protector) : ConfigurationProvider, IConfigurationSource
{
    public StoredSecretProtector Protector => protector;

    /// <summary>Stored secrets that could not be decrypted (their keys are gone).</summary>
    public IReadOnlyList<string> Unreadable { get; private set; } = [];

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var unreadable = new List<string>();
        // Plain SQL: read before every command starts, where building EF's model would cost most of a second.
        using var connection = new SqliteConnection(location.ConnectionString);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = """SELECT "Name", "Value", "Protected" FROM "Settings" """;
        using var rows = select.ExecuteReader();
        while (rows.Read())
        {
            var (name, stored, isProtected) = (rows.GetString(0), rows.GetString(1), rows.GetBoolean(2));
            var value = isProtected ? protector.TryUnprotect(stored) : stored;
            if (value is null)
            {
                unreadable.Add(name);
                continue;
            }

            data[name] = value;
        }

        Data = data;
        Unreadable = unreadable;
    }

    /// <summary>Reads the stored settings again and tells the configuration they changed.</summary>
    public void Refresh()
    {
        Load();
        OnReload();
    }

    /// <summary>Adds the stored settings to <paramref name="configuration"/> at their place in the precedence.</summary>
    public static StoredSettingsProvider AddTo(IConfigurationBuilder configuration, DatabaseLocation location)
    {
        var provider = new StoredSettingsProvider(location, new StoredSecretProtector(location));
        var lastFile = configuration.Sources.Select((source, index) => (source, index)).LastOrDefault(s => s.source is FileConfigurationSource);
        configuration.Sources.Insert(lastFile.source is null ? 0 : lastFile.index + 1, provider);
        return provider;
    }
}
