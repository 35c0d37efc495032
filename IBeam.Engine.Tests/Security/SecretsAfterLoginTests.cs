using System.Text.Json;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Security;

/// <summary>
/// After a full sandbox login run by the dashboard with each 2FA handler, no secret is anywhere an
/// operator, a log reader or a stolen database would see it: the IBKR password, the API token, the
/// dashboard password, the handler's own secret and every whole code the sandbox issued.
/// </summary>
[Collection(CustomHandlerCollection.Name)]
public sealed class SecretsAfterLoginTests(SandboxFixture fixture, CustomHandlerSample sample) : IClassFixture<SandboxFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Theory]
    [MemberData(nameof(HandlerLogin.Names), MemberType = typeof(HandlerLogin))]
    public async Task After_a_full_login_no_secret_is_in_the_logs_the_database_the_pages_or_the_errors(string handler)
    {
        var started = DateTimeOffset.UtcNow;
        var sandbox = fixture.Fresh();
        var login = HandlerLogin.For(handler, sandbox, sample);
        sandbox.State.SetScenario(login.Scenario);
        using var codeUrl = CustomHandlerSample.CodeUrl(sandbox.PhoneCodeUrl + "?wait=10");
        var places = new SecretPlaces();
        await using var dashboard = await InProcessDashboard.StartAsync(Settings(sandbox, login));
        await using (var browser = await TestBrowser.LaunchAsync())
        {
            var page = await browser.Browser.NewPageAsync();
            await DashboardSignIn.SignInAsync(page, dashboard.Address.ToString());
            var run = new HandlerLogin.Run(dashboard, sandbox, page);

            await login.CompleteAsync(run);
            await run.Engine.WaitForAsync(s => s.Gateway.Authenticated && s.Attempt is null, Patience);
            await places.AddDashboardAsync(page, dashboard);
            places.Add("the engine's published state (errors included)", JsonSerializer.Serialize(run.Engine.Current));
        }

        await dashboard.StopAsync(); // the logger's last batch written
        places.AddDatabase(Path.Combine(dashboard.Folder, "ibeam.db"));
        Assert.Equal(1, places.AddFiles(dashboard.Folder, "ibeam_log_*.txt")); // the console's lines, in the file sink's copy

        Assert.Equal((1, 0), (sandbox.State.Counters.SuccessfulLogins, sandbox.State.Counters.TotalFailures));
        var codes = HandlerLogin.CodesIssued(sandbox, started);
        Assert.Equal(handler is "NOTIFICATION_RESEND" or "TOTP" ? 0 : 1, sandbox.State.Inbox.Count);
        Assert.Empty(places.Holding([
            ("the IBKR password", SandboxAccount.Password),
            ("the API token", InProcessDashboard.ApiToken),
            ("the dashboard password", DashboardSignIn.Password),
            .. login.HandlerSecrets.Select(s => ($"{handler}'s secret", s)),
            .. codes.Select(c => ("a 2FA code", c)),
        ]));
    }

    private static Dictionary<string, string?> Settings(SandboxGateway sandbox, HandlerLogin login)
    {
        var settings = EngineHarness.Defaults(sandbox);
        settings["IBEAM_START_ACTIVE"] = "true";
        settings["IBEAM_LOG_TO_FILE"] = "true";
        settings["IBEAM_LOG_LEVEL"] = "DEBUG";
        foreach (var (key, value) in login.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }
}
