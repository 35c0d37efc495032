using IBeam.Engine.Configuration;
using IBeam.Engine.Settings;
using IBeam.Engine.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Tests.Settings;

/// <summary>Settings changed at run time: precedence, sources, validation, audit, secrets, persistence.</summary>
public sealed class SettingsStoreTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ibeam-settings-store-").FullName;
    private readonly List<EngineHarness> _engines = [];

    private string DatabasePath => Path.Combine(_folder, "ibeam.db");

    [Fact]
    public async Task A_stored_setting_applies_at_once_and_says_it_is_stored()
    {
        var engine = Engine();
        var service = engine.Get<SettingsService>();

        var result = await service.SetAsync("IBEAM_MAINTENANCE_INTERVAL", "30", "alice", CancellationToken.None);

        Assert.Equal(new SettingChangeResult(true, false, []), result with { Problems = [] });
        Assert.Empty(result.Problems);
        Assert.Equal(TimeSpan.FromSeconds(30), engine.Get<IOptionsMonitor<IBeamOptions>>().CurrentValue.Maintenance.Interval);
        var view = service.Get("IBEAM_MAINTENANCE_INTERVAL");
        Assert.Equal(("30", SettingSource.Stored, false), (view.Value, view.Source, view.Locked));
    }

    [Fact]
    public void An_unset_setting_shows_its_default()
    {
        var view = Engine().Get<SettingsService>().Get("IBEAM_MAX_REAUTHENTICATE_RETRIES");

        Assert.Equal(("3", "3", SettingSource.Default, false), (view.Value, view.DefaultValue, view.Source, view.Locked));
    }

    [Fact]
    public async Task The_environment_wins_over_a_stored_setting_and_locks_it()
    {
        var prefix = $"IBEAMTEST{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "IBEAM_OAUTH_TIMEOUT", "20");
        try
        {
            var engine = Engine(configure: c => c.AddEnvironmentVariables(prefix));
            var service = engine.Get<SettingsService>();

            var result = await service.SetAsync("IBEAM_OAUTH_TIMEOUT", "40", "alice", CancellationToken.None);

            Assert.False(result.Applied);
            Assert.Contains("set by the environment", Assert.Single(result.Problems));
            var view = service.Get("IBEAM_OAUTH_TIMEOUT");
            Assert.Equal(("20", SettingSource.Environment, true), (view.Value, view.Source, view.Locked));
            Assert.Empty(await service.HistoryAsync(null, 10, CancellationToken.None));
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "IBEAM_OAUTH_TIMEOUT", null);
        }
    }

    [Fact]
    public async Task A_stored_setting_wins_over_appsettings_json()
    {
        var json = Path.Combine(_folder, "appsettings.json");
        await File.WriteAllTextAsync(json, """{ "IBEAM_MAX_STATUS_CHECK_RETRIES": 50 }""");
        var engine = Engine(configure: c => c.AddJsonFile(json));
        var service = engine.Get<SettingsService>();
        Assert.Equal(SettingSource.File, service.Get("IBEAM_MAX_STATUS_CHECK_RETRIES").Source);

        await service.SetAsync("IBEAM_MAX_STATUS_CHECK_RETRIES", "70", "alice", CancellationToken.None);

        Assert.Equal(70, engine.Get<IOptionsMonitor<IBeamOptions>>().CurrentValue.Maintenance.MaxStatusCheckRetries);
        Assert.Equal(SettingSource.Stored, service.Get("IBEAM_MAX_STATUS_CHECK_RETRIES").Source);
    }

    [Theory]
    [InlineData("IBEAM_REQUEST_RETRIES", "many", "IBEAM_REQUEST_RETRIES must be a whole number")]
    [InlineData("IBEAM_MAX_FAILED_AUTH", "10", "IBEAM_MAX_FAILED_AUTH must be between 1 and 9")]
    [InlineData("IBEAM_TWO_FA_HANDLER", "EXTERNAL_REQUEST", "IBEAM_EXTERNAL_REQUEST_URL must be set")]
    [InlineData("IBEAM_TWO_FA_HANDLER", "CARRIER_PIGEON", "IBEAM_TWO_FA_HANDLER must be one of")]
    [InlineData("IBEAM_NO_SUCH_THING", "1", "There is no setting named IBEAM_NO_SUCH_THING")]
    public async Task A_change_is_validated_before_it_is_stored(string name, string value, string problem)
    {
        var engine = Engine();
        var service = engine.Get<SettingsService>();

        var result = await service.SetAsync(name, value, "alice", CancellationToken.None);

        Assert.False(result.Applied);
        Assert.Contains(result.Problems, p => p.Contains(problem, StringComparison.Ordinal));
        Assert.Empty(await service.HistoryAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Where_the_database_is_cannot_be_stored_in_it()
    {
        var result = await Engine().Get<SettingsService>().SetAsync("IBEAM_DATABASE_PATH", "/tmp/other.db", "alice", CancellationToken.None);

        Assert.False(result.Applied);
        Assert.Contains("only be set in the environment", Assert.Single(result.Problems));
    }

    [Fact]
    public async Task A_setting_used_only_at_start_up_says_a_restart_is_needed()
    {
        var result = await Engine().Get<SettingsService>().SetAsync("IBEAM_REQUEST_TIMEOUT", "25", "alice", CancellationToken.None);

        Assert.True(result.Applied);
        Assert.True(result.RequiresRestart);
    }

    [Fact]
    public async Task Every_change_is_audited_with_who_when_and_the_values()
    {
        var engine = Engine();
        var service = engine.Get<SettingsService>();

        await service.SetAsync("IBEAM_MAINTENANCE_INTERVAL", "30", "alice", CancellationToken.None);
        await service.SetAsync("IBEAM_MAINTENANCE_INTERVAL", "45", "bob", CancellationToken.None);
        await service.SetAsync("IBEAM_MAINTENANCE_INTERVAL", null, "carol", CancellationToken.None);

        var history = await service.HistoryAsync("IBEAM_MAINTENANCE_INTERVAL", 10, CancellationToken.None);
        Assert.Equal(
            [("45", "60", "carol"), ("30", "45", "bob"), ("60", "30", "alice")],
            history.Select(h => (h.OldValue, h.NewValue, h.ChangedBy)).ToList());
        Assert.Equal(SettingSource.Default, service.Get("IBEAM_MAINTENANCE_INTERVAL").Source);
        Assert.True(history[0].ChangedAt >= history[2].ChangedAt);
    }

    [Fact]
    public async Task Stored_settings_survive_a_restart()
    {
        await Engine().Get<SettingsService>().SetAsync("IBEAM_TWO_FA_SELECT_TARGET", "SMS", "alice", CancellationToken.None);

        var restarted = Engine();

        Assert.Equal("SMS", restarted.Options.TwoFactor.SelectTarget);
        Assert.Equal(SettingSource.Stored, restarted.Get<SettingsService>().Get("IBEAM_TWO_FA_SELECT_TARGET").Source);
    }

    [Fact]
    public async Task A_stored_password_is_encrypted_never_shown_and_used_for_logins()
    {
        const string password = "Tr0ub4dor&3-stored";
        var engine = Engine(withCredentials: false);
        var service = engine.Get<SettingsService>();

        Assert.True((await service.SetAsync("IBEAM_ACCOUNT", "stored-user", "alice", CancellationToken.None)).Applied);
        Assert.True((await service.SetAsync("IBEAM_PASSWORD", password, "alice", CancellationToken.None)).Applied);

        Assert.Equal(new Credentials("stored-user", password), engine.Get<CredentialsProvider>().Read());
        Assert.Equal("(secret)", service.Get("IBEAM_PASSWORD").Value);
        Assert.DoesNotContain(service.GetAll(), v => v.Value.Contains(password, StringComparison.Ordinal));
        var history = await service.HistoryAsync("IBEAM_PASSWORD", 10, CancellationToken.None);
        Assert.Equal((null, "(secret)"), (history[0].OldValue, history[0].NewValue));
        Assert.False(DatabaseFiles.Contain(DatabasePath, password));

        var restarted = Engine(withCredentials: false);
        Assert.Equal(password, restarted.Get<CredentialsProvider>().Read().Password);
    }

    [Fact]
    public async Task With_secrets_read_from_files_a_secret_cannot_be_stored()
    {
        var secretFile = Path.Combine(_folder, "password.txt");
        await File.WriteAllTextAsync(secretFile, "from-a-file\n");
        var account = Path.Combine(_folder, "account.txt");
        await File.WriteAllTextAsync(account, "someone\n");
        var engine = Engine(withCredentials: false, settings: [("IBEAM_SECRETS_SOURCE", "fs"), ("IBEAM_PASSWORD", secretFile), ("IBEAM_ACCOUNT", account)]);

        var result = await engine.Get<SettingsService>().SetAsync("IBEAM_KEY", "x", "alice", CancellationToken.None);

        Assert.False(result.Applied);
        Assert.Contains("IBEAM_SECRETS_SOURCE is fs", Assert.Single(result.Problems));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var engine in _engines)
        {
            await engine.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private EngineHarness Engine(Action<IConfigurationBuilder>? configure = null, bool withCredentials = true, (string, string?)[]? settings = null)
    {
        var baseSettings = new Dictionary<string, string?> { ["IBEAM_DATABASE_PATH"] = DatabasePath };
        if (withCredentials)
        {
            baseSettings["IBEAM_ACCOUNT"] = "someone";
            baseSettings["IBEAM_PASSWORD"] = "something";
        }

        var engine = EngineHarness.Create(baseSettings, configure, settings ?? []);
        _engines.Add(engine);
        return engine;
    }
}
