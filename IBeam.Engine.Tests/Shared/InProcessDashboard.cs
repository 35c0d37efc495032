using IBeam.Dashboard.CommandLine;
using IBeam.Dashboard.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IBeam.Engine.Tests.Shared;

/// <summary>
/// The real web dashboard, built as IBeam builds it and served on a free loopback port, in the
/// test's process (so a test can ask it which routes it maps). Settings come from the command
/// line; maintenance starts inactive unless a test says otherwise.
/// </summary>
public sealed class InProcessDashboard : IAsyncDisposable
{
    public const string ApiToken = "test-api-token-0123456789";

    private readonly DashboardApp _dashboard;
    private int _stopped;

    private InProcessDashboard(DashboardApp dashboard, string folder, Uri address)
    {
        _dashboard = dashboard;
        Folder = folder;
        Address = address;
    }

    public string Folder { get; }

    public Uri Address { get; }

    public WebApplication App => _dashboard.App;

    public IServiceProvider Services => _dashboard.App.Services;

    /// <summary>The sandbox gateway the dashboard runs against, when started with <c>sandbox: true</c>.</summary>
    public IBeam.Engine.Sandbox.SandboxGateway? Sandbox => _dashboard.Sandbox;

    /// <param name="sandbox">Run against the built-in sandbox gateway (--sandbox), active: the login starts at once.</param>
    /// <param name="services">Registrations added after the dashboard's own (recorders of what the app does).</param>
    public static async Task<InProcessDashboard> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, bool sandbox = false, Action<IServiceCollection>? services = null)
    {
        var folder = Directory.CreateTempSubdirectory("ibeam-dashboard-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["IBEAM_OUTPUTS_DIR"] = folder,
            ["IBEAM_DATABASE_PATH"] = Path.Combine(folder, "ibeam.db"),
            ["IBEAM_START_ACTIVE"] = sandbox ? "true" : "false",
            ["IBEAM_HEALTH_SERVER_PORT"] = "0",
            ["IBEAM_LOG_TO_FILE"] = "false",
            ["IBEAM_GATEWAY_BASE_URL"] = "https://127.0.0.1:9",
            ["IBEAM_DASHBOARD_PASSWORD"] = DashboardSignIn.Password,
            ["IBEAM_API_TOKEN"] = ApiToken,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var args = all.Where(kv => kv.Value is not null).Select(kv => $"--{kv.Key}={kv.Value}").Append("--urls=http://127.0.0.1:0");
        if (sandbox)
        {
            args = args.Append("--sandbox");
        }

        var dashboard = await DashboardApp.BuildAsync(IBeamCommand.Parse([.. args]), services);
        await dashboard.App.StartAsync();
        var address = dashboard.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InProcessDashboard(dashboard, folder, new Uri(address));
    }

    /// <summary>A client that neither follows redirects nor keeps cookies: each answer is seen as it is.</summary>
    public HttpClient AnonymousClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };

    public HttpClient TokenClient(string token = ApiToken)
    {
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Stops the dashboard and its engine, its logger flushed, and leaves its files (database, log
    /// file) for the test to read; <see cref="DisposeAsync"/> removes them.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _dashboard.App.StopAsync();
        await _dashboard.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
