using System.Net;
using System.Net.Http.Json;
using IBeam.Dashboard.Api;
using IBeam.Engine.Data;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IBeam.Engine.Tests.Dashboard;

/// <summary>The REST API as automation uses it, with the API token, against a sandbox login.</summary>
public sealed class DashboardApiTests
{
    [Fact]
    public async Task A_code_posted_to_the_api_completes_a_sandbox_login_that_then_lists_as_an_attempt()
    {
        await using var dashboard = await InProcessDashboard.StartAsync(sandbox: true);
        var engine = dashboard.Services.GetRequiredService<EngineState>();
        using var api = dashboard.TokenClient();

        await engine.WaitForAsync(s => s.TwoFactor?.Handler == "MANUAL");
        var status = await api.GetFromJsonAsync<StatusResponse>("/api/status");
        Assert.Equal("MANUAL", status!.TwoFactor!.Handler);

        // Junk is refused and the login keeps waiting; the real code is taken once.
        var junk = await api.PostAsJsonAsync("/api/two-factor/code", new CodeSubmission("12a456"));
        Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        var code = dashboard.Sandbox!.State.Inbox[^1].Text[^6..];
        var accepted = await api.PostAsJsonAsync("/api/two-factor/code", new CodeSubmission(code));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var again = await api.PostAsJsonAsync("/api/two-factor/code", new CodeSubmission(code));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.DoesNotContain(code, await again.Content.ReadAsStringAsync());

        await engine.WaitForAsync(s => s.Gateway.Authenticated && s.Attempt is null);
        var attempts = await api.GetFromJsonAsync<AttemptsResponse>("/api/attempts?outcome=Succeeded");
        var attempt = Assert.Single(attempts!.Attempts);
        Assert.Equal("MANUAL", attempt.CodeSource);
        Assert.Contains(attempt.Steps, s => s.Step == "CodeObtained");
        Assert.DoesNotContain(code, attempt.MaskedCode);
        Assert.Equal(1, dashboard.Sandbox.State.Counters.SuccessfulLogins);

        var contexts = dashboard.Services.GetRequiredService<IDbContextFactory<IBeamDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var submissions = await db.OperatorActions.AsNoTracking().Where(a => a.Action == "SubmitCode").ToListAsync();
        Assert.Equal(3, submissions.Count);
        Assert.All(submissions, a => Assert.Equal("Api", a.Origin));
    }

    [Theory]
    [InlineData("/api/attempts?outcome=Sideways")]
    [InlineData("/api/attempts?size=0")]
    [InlineData("/api/attempts?size=501")]
    [InlineData("/api/attempts?after=garbage")]
    public async Task A_malformed_history_query_gets_a_clear_400(string query)
    {
        await using var dashboard = await InProcessDashboard.StartAsync();
        using var api = dashboard.TokenClient();

        var response = await api.GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("detail", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_code_when_nothing_is_awaited_is_refused_with_a_reason()
    {
        await using var dashboard = await InProcessDashboard.StartAsync();
        using var api = dashboard.TokenClient();

        var response = await api.PostAsJsonAsync("/api/two-factor/code", new CodeSubmission("123456"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("No login is waiting", (await response.Content.ReadFromJsonAsync<CodeSubmissionResponse>())!.Message);
    }
}
