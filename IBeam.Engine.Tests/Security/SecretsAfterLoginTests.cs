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
    [Theory]
    [MemberData(nameof(HandlerLogin.Names), MemberType = typeof(HandlerLogin))]
    public async Task After_a_full_login_no_secret_is_in_the_logs_the_database_the_pages_or_the_errors(string handler)
    {
        var started = DateTimeOffset.UtcNow;
        var sandbox = fixture.Fresh();
        var login = HandlerLogin.For(handler, sandbox, sample);
        using var codeUrl = CustomHandlerSample.CodeUrl(sandbox.PhoneCodeUrl + "?wait=10");
        var places = new SecretPlaces();
        await using var browser = await TestBrowser.LaunchAsync();
        await using var run = await login.StartAsync(sandbox, await browser.Browser.NewPageAsync(), more: [("IBEAM_LOG_TO_FILE", "true"), ("IBEAM_LOG_LEVEL", "DEBUG")]);

        await login.FinishAsync(run);
        await places.AddDashboardAsync(run.Page, run.Dashboard);
        places.Add("the engine's published state (errors included)", JsonSerializer.Serialize(run.Engine.Current));
        await run.Page.CloseAsync(); // a live circuit can hold the dashboard's graceful stop for its whole timeout
        await run.Dashboard.StopAsync(); // the logger's last batch written
        places.AddDatabase(Path.Combine(run.Dashboard.Folder, "ibeam.db"));
        Assert.Equal(1, places.AddFiles(run.Dashboard.Folder, "ibeam_log_*.txt")); // the console's lines, in the file sink's copy

        Assert.Equal((1, 0), (sandbox.State.Counters.SuccessfulLogins, sandbox.State.Counters.TotalFailures));
        Assert.Equal(handler is "NOTIFICATION_RESEND" or "TOTP" ? 0 : 1, sandbox.State.Inbox.Count);
        Assert.Empty(places.Holding([
            ("the IBKR password", SandboxAccount.Password),
            ("the API token", InProcessDashboard.ApiToken),
            ("the dashboard password", DashboardSignIn.Password),
            .. login.HandlerSecrets.Select(s => ($"{handler}'s secret", s)),
            .. HandlerLogin.CodesIssued(sandbox, started).Select(c => ("a 2FA code", c)),
        ]));
    }
}
