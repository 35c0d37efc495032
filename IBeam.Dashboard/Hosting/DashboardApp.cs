using IBeam.Dashboard.Api;
using IBeam.Dashboard.CommandLine;
using IBeam.Dashboard.Components;
using IBeam.Dashboard.Endpoints;
using IBeam.Dashboard.Security;
using IBeam.Engine.Configuration;
using IBeam.Engine.Hosting;
using IBeam.Engine.Sandbox;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MudBlazor.Services;

namespace IBeam.Dashboard.Hosting;

/// <summary>
/// The web dashboard with the engine it hosts (and the sandbox gateway in sandbox mode). Built
/// here rather than in <see cref="IBeamApp"/> so that tests can build the real app and ask it which
/// routes it maps.
/// </summary>
internal sealed class DashboardApp : IAsyncDisposable
{
    private DashboardApp(WebApplication app, SandboxGateway? sandbox)
    {
        App = app;
        Sandbox = sandbox;
    }

    public WebApplication App { get; }

    public SandboxGateway? Sandbox { get; }

    /// <param name="services">Registrations added after IBeam's own (a test's recorders, say); none in a real run.</param>
    public static async Task<DashboardApp> BuildAsync(IBeamCommand command, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = command.ConfigurationArgs,
            ContentRootPath = AppContext.BaseDirectory,

            // Named, not taken from the entry assembly: the static assets manifest carries this name, and a test host has another.
            ApplicationName = typeof(DashboardApp).Assembly.GetName().Name,
        });
        var sandbox = await IBeamApp.StartSandboxAsync(command, builder.Configuration);
        try
        {
            var database = IBeamApp.PrepareDatabase(builder.Configuration);
            DashboardListening.Choose(builder, database.Location);
            builder.WebHost.UseStaticWebAssets();
            IBeamLogging.Configure(builder.Services, builder.Configuration);
            builder.Services.AddIBeamEngine(new EngineMode(RequiresCredentials: false, WebUi: true, LongRunning: true)).AddInboundServer().AddMaintenanceLoop();
            builder.Services.AddRazorComponents().AddInteractiveServerComponents();
            builder.Services.AddMudServices();
            builder.Services.AddDashboardSecurity();
            builder.Services.AddDashboardApi();
            services?.Invoke(builder.Services);

            var app = builder.Build();
            app.Services.ValidateIBeamSettings();
            IBeamApp.LogDatabase(app.Services, database.Report);
            Configure(app);
            return new DashboardApp(app, sandbox);
        }
        catch
        {
            if (sandbox is not null)
            {
                await sandbox.DisposeAsync();
            }

            throw;
        }
    }

    public async Task RunAsync()
    {
        App.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? App.Urls;
            foreach (var address in addresses)
            {
                Console.WriteLine($"IBeam dashboard: {address}");
            }
        });
        await App.RunAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // The app first, so the logger flushes its last batch while the database is there.
        await App.DisposeAsync();
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync();
        }
    }

    private static void Configure(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        // A signed-in operator who follows a stale link gets the dashboard's own "not found" page rather
        // than the browser's error screen; API clients keep their bare status codes.
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));

        app.UseCircuitShutdown();

        // Routing after the re-executing middleware, so that a re-executed request is routed anew.
        app.UseRouting();
        app.UseSecurityHeaders(DashboardSecurity.ContentSecurityPolicy);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        // Static assets (styles, scripts) are the only content served without sign-in: the sign-in page needs them.
        app.MapStaticAssets().AllowAnonymous();
        app.MapSignInEndpoints();
        app.MapDashboardApi();
        app.MapHistoryEndpoints();
        // The frame policy agrees with the security headers (Blazor would add its own, less strict one).
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = "'none'");
    }
}
