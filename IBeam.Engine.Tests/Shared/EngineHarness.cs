using IBeam.Engine.Configuration;
using IBeam.Engine.Data;
using IBeam.Engine.Settings;
using IBeam.Engine.Hosting;
using IBeam.Engine.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Tests.Shared;

/// <summary>
/// The engine wired as the host wires it, pointed at a sandbox gateway, with short timeouts and
/// its own temporary outputs folder. Settings given to <see cref="Create"/> override the defaults.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private EngineHarness(ServiceProvider services, CapturedLogs logs, string folder)
    {
        Services = services;
        Logs = logs;
        Folder = folder;
    }

    public ServiceProvider Services { get; }

    public CapturedLogs Logs { get; }

    /// <summary>A temporary folder of this harness (outputs, inputs).</summary>
    public string Folder { get; }

    public IBeamOptions Options => Services.GetRequiredService<IOptions<IBeamOptions>>().Value;

    public static EngineHarness Create(SandboxGateway sandbox, params (string Key, string? Value)[] settings) =>
        Create(Defaults(sandbox), settings);

    public static EngineHarness Create(Dictionary<string, string?> baseSettings, params (string Key, string? Value)[] settings) =>
        Create(baseSettings, configure: null, settings);

    /// <summary>The engine with <paramref name="configure"/> adding configuration sources above the base settings (environment variables, say).</summary>
    public static EngineHarness Create(Dictionary<string, string?> baseSettings, Action<IConfigurationBuilder>? configure, params (string Key, string? Value)[] settings)
    {
        var folder = Directory.CreateTempSubdirectory("ibeam-test-").FullName;
        baseSettings["IBEAM_OUTPUTS_DIR"] = Path.Combine(folder, "outputs");
        baseSettings["IBEAM_INPUTS_DIR"] = Path.Combine(folder, "inputs");
        foreach (var (key, value) in settings)
        {
            baseSettings[key] = value;
        }

        baseSettings.TryAdd("IBEAM_DATABASE_PATH", Path.Combine(folder, "data", "ibeam.db"));
        var builder = new ConfigurationBuilder().AddInMemoryCollection(baseSettings);
        configure?.Invoke(builder);
        var location = DatabaseLocation.From(builder.Build());
        DatabaseStartup.Prepare(location, TimeProvider.System);
        StoredSettingsProvider.AddTo(builder, location);
        var configuration = builder.Build();
        var logs = new CapturedLogs();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs))
            .AddIBeamEngine(new EngineMode(RequiresCredentials: baseSettings.ContainsKey("IBEAM_PASSWORD")))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new EngineHarness(services, logs, folder);
    }

    /// <summary>The settings an operator would give to use the sandbox: its URL, its user, its phone.</summary>
    public static Dictionary<string, string?> Defaults(SandboxGateway sandbox) => new()
    {
        ["IBEAM_GATEWAY_BASE_URL"] = sandbox.GatewayUrl.ToString().TrimEnd('/'),
        ["IBEAM_ACCOUNT"] = SandboxAccount.UserName,
        ["IBEAM_PASSWORD"] = SandboxAccount.Password,
        ["IBEAM_TWO_FA_HANDLER"] = "EXTERNAL_REQUEST",
        ["IBEAM_EXTERNAL_REQUEST_URL"] = sandbox.PhoneCodeUrl + "?wait=10",
        ["IBEAM_EXTERNAL_REQUEST_TIMEOUT"] = "15",
        ["IBEAM_OAUTH_TIMEOUT"] = "10",
        ["IBEAM_PAGE_LOAD_TIMEOUT"] = "10",
        ["IBEAM_REQUEST_TIMEOUT"] = "5",
        ["IBEAM_MAX_STATUS_CHECK_RETRIES"] = "10",
        ["IBEAM_MAX_IMMEDIATE_ATTEMPTS"] = "1",
        ["IBEAM_REAUTHENTICATE_WAIT"] = "5",
        ["IBEAM_RESTART_WAIT"] = "5",
    };

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the system.
        }
    }
}
