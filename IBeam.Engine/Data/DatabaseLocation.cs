using IBeam.Engine.Configuration;
using Microsoft.Extensions.Configuration;

namespace IBeam.Engine.Data;

/// <summary>Where the database and its Data Protection keys live.</summary>
public sealed record DatabaseLocation(string DatabasePath)
{
    /// <summary>Data Protection keys, kept beside the database (they decrypt its stored secrets).</summary>
    public string KeysDirectory => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "keys");

    public string ConnectionString => $"Data Source={DatabasePath};Foreign Keys=True;Default Timeout=30";

    public static DatabaseLocation From(IBeamOptions options) =>
        new(Path.GetFullPath(options.Storage.DatabasePath ?? Path.Combine(options.Gateway.OutputsDirectory, "ibeam.db")));

    /// <summary>Read from raw configuration, before the options exist (the stored settings are themselves read from the database).</summary>
    public static DatabaseLocation From(IConfiguration configuration)
    {
        var options = new IBeamOptions();
        SettingsReader.Read(configuration, options);
        return From(options);
    }
}
