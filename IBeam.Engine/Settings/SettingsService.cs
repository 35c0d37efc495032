using IBeam.Engine.Configuration;
using IBeam.Engine.Data;
using IBeam.Engine.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Settings;

/// <summary>
/// Reads and changes settings at run time: each setting's effective value and its source, a
/// change validated before it is stored, an audit row per change, secrets encrypted and never
/// returned. Changes apply at once unless the setting says it needs a restart.
/// </summary>
public sealed class SettingsService(
    IConfiguration configuration,
    StoredSettingsProvider stored,
    StoredSecretProtector protector,
    IDbContextFactory<IBeamDbContext> contexts,
    IValidateOptions<IBeamOptions> validator,
    IOptionsMonitor<IBeamOptions> options,
    TimeProvider time,
    ILogger<SettingsService> logger)
{
    private const string SecretMark = "(secret)";
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public IReadOnlyList<SettingView> GetAll()
    {
        var current = options.CurrentValue;
        return SettingDescriptor.All.Select(d => View(d, current)).ToList();
    }

    public SettingView Get(string name) => View(Find(name) ?? throw new ArgumentException($"No setting is named {name}.", nameof(name)), options.CurrentValue);

    /// <summary>Stores <paramref name="value"/> for <paramref name="name"/>; null or empty removes the stored value.</summary>
    public async Task<SettingChangeResult> SetAsync(string name, string? value, string changedBy, CancellationToken cancellationToken)
    {
        if (Find(name) is not { } descriptor)
        {
            return SettingChangeResult.Refused($"There is no setting named {name}.");
        }

        var setting = descriptor.Setting;
        if (!setting.Storable)
        {
            return SettingChangeResult.Refused($"{setting.Name} can only be set in the environment or on the command line: IBeam needs it before it reads stored settings.");
        }

        var source = SourceOf(setting.Name);
        if (source is SettingSource.Environment or SettingSource.CommandLine or SettingSource.Override)
        {
            return SettingChangeResult.Refused($"{setting.Name} is set by the {Describe(source)}, which takes precedence over stored settings; change it there.");
        }

        if (setting.Secret && options.CurrentValue.Secrets.Source == SecretsSource.Fs)
        {
            return SettingChangeResult.Refused($"IBEAM_SECRETS_SOURCE is fs: {setting.Name} is read from the file its variable names, so a stored value would be taken for a path.");
        }

        var clearing = string.IsNullOrWhiteSpace(value);
        if (!clearing && !SettingValueText.TryParse(value!, descriptor.ValueType, setting, out _, out var problem))
        {
            return SettingChangeResult.Refused($"{setting.Name} {problem}.");
        }

        var problems = ValidateWith(setting.Name, clearing ? null : value);
        if (problems.Count > 0)
        {
            return new SettingChangeResult(false, false, problems);
        }

        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            await StoreAsync(descriptor, clearing ? null : value!.Trim(), changedBy, cancellationToken);
            stored.Refresh();
        }
        finally
        {
            _oneAtATime.Release();
        }

        SettingsLog.Changed(logger, setting.Name, changedBy, setting.Secret ? SecretMark : clearing ? "(default)" : value!.Trim(), setting.RequiresRestart);
        return new SettingChangeResult(true, setting.RequiresRestart, []);
    }

    /// <summary>The audit of changes, newest first.</summary>
    public async Task<IReadOnlyList<SettingChangeView>> HistoryAsync(string? name, int take, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var changes = context.SettingChanges.AsNoTracking();
        if (name is not null)
        {
            changes = changes.Where(c => c.Name == name);
        }

        return await changes.OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).Take(take)
            .Select(c => new SettingChangeView(c.Name, c.OldValue, c.NewValue, c.ChangedAt, c.ChangedBy))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Where the effective value of <paramref name="name"/> comes from: the last configuration provider that has it.</summary>
    public SettingSource SourceOf(string name)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return SettingSource.Default;
        }

        foreach (var provider in root.Providers.Reverse())
        {
            if (provider.TryGet(name, out var text) && !string.IsNullOrWhiteSpace(text))
            {
                return provider switch
                {
                    StoredSettingsProvider => SettingSource.Stored,
                    EnvironmentVariablesConfigurationProvider => SettingSource.Environment,
                    CommandLineConfigurationProvider => SettingSource.CommandLine,
                    FileConfigurationProvider => SettingSource.File,
                    _ => SettingSource.Override,
                };
            }
        }

        return SettingSource.Default;
    }

    private SettingView View(SettingDescriptor descriptor, IBeamOptions current)
    {
        var setting = descriptor.Setting;
        var value = descriptor.GetValue(current);
        var text = setting.Secret
            ? value is null or "" ? "" : SecretMark
            : SettingValueText.Format(value);
        return new SettingView(setting.Name, setting.Description, text, setting.Secret ? "" : descriptor.DefaultText,
            SourceOf(setting.Name), setting.Secret, setting.RequiresRestart, setting.Storable);
    }

    /// <summary>Every problem the whole configuration would have with this change (a change can break another setting's rule).</summary>
    private List<string> ValidateWith(string name, string? value)
    {
        var candidate = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection([new KeyValuePair<string, string?>(name, value ?? "")])
            .Build();
        var options = new IBeamOptions();
        SettingsReader.Read(candidate, options);
        var result = validator.Validate(Options.DefaultName, options);
        return result.Failed ? result.Failures.ToList() : [];
    }

    private async Task StoreAsync(SettingDescriptor descriptor, string? value, string changedBy, CancellationToken cancellationToken)
    {
        var setting = descriptor.Setting;
        var now = time.GetUtcNow().UtcDateTime;
        var before = setting.Secret ? null : SettingValueText.Format(descriptor.GetValue(options.CurrentValue));
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Settings.FindAsync([setting.Name], cancellationToken);
        var hadSecret = row is not null;
        if (value is null)
        {
            if (row is not null)
            {
                context.Settings.Remove(row);
            }
        }
        else
        {
            if (row is null)
            {
                row = new StoredSetting { Name = setting.Name };
                context.Settings.Add(row);
            }

            row.Value = setting.Secret ? protector.Protect(value) : value;
            row.Protected = setting.Secret;
            row.UpdatedAt = now;
            row.UpdatedBy = changedBy;
        }

        context.SettingChanges.Add(new SettingChange
        {
            Name = setting.Name,
            OldValue = setting.Secret ? (hadSecret ? SecretMark : null) : before,
            NewValue = setting.Secret ? (value is null ? null : SecretMark) : value ?? descriptor.DefaultText,
            ChangedAt = now,
            ChangedBy = changedBy,
        });
        await context.SaveChangesAsync(cancellationToken);
    }

    private static SettingDescriptor? Find(string name) =>
        SettingDescriptor.All.FirstOrDefault(d => string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static string Describe(SettingSource source) => source switch
    {
        SettingSource.Environment => "environment",
        SettingSource.CommandLine => "command line",
        _ => "host (sandbox mode)",
    };
}
