using Bunit;
using IBeam.Dashboard.Components.Controls;
using IBeam.Dashboard.Security;
using IBeam.Engine.Data;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Operators;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace IBeam.Engine.Tests.Dashboard;

/// <summary>The status page's actions: each asks first, then runs on the engine and is audited with who asked.</summary>
public sealed class EngineActionsTests : DashboardTestContext, IClassFixture<SandboxFixture>
{
    private readonly EngineHarness _engine;

    public EngineActionsTests(SandboxFixture fixture)
    {
        _engine = EngineHarness.Create(fixture.Fresh());
        Services.AddSingleton(_engine.Services.GetRequiredService<EngineControl>());
        Services.AddSingleton(_engine.Services.GetRequiredService<OperatorAudit>());
        Services.AddSingleton<IHostApplicationLifetime>(new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance));
        Services.AddScoped<CurrentOperator>();
        AddAuthorization().SetAuthorized(OperatorPassword.OperatorName);
    }

    private EngineState State => _engine.Services.GetRequiredService<EngineState>();

    [Fact]
    public async Task Deactivate_asks_first_and_a_cancel_changes_nothing()
    {
        State.Update(s => s with { Active = true });
        var dialogs = Render<MudDialogProvider>();
        var actions = Render<EngineActions>(p => p.Add(a => a.Snapshot, State.Current));

        // The click's handler ends only once the dialog is answered.
        var clicked = actions.Find("[data-action=Deactivate]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Stop maintenance", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await clicked;

        Assert.True(State.Current.Active);
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task A_confirmed_deactivation_runs_on_the_engine_and_is_recorded_with_the_operator()
    {
        State.Update(s => s with { Active = true });
        var dialogs = Render<MudDialogProvider>();
        var actions = Render<EngineActions>(p => p.Add(a => a.Snapshot, State.Current));

        var clicked = actions.Find("[data-action=Deactivate]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Stop maintenance", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Deactivate").ClickAsync(new());
        await clicked;

        // The audit row is written before the control drops its "running" mark.
        actions.WaitForAssertion(() => Assert.True(!State.Current.Active && actions.FindAll("#action-running").Count == 0), TimeSpan.FromSeconds(30));
        var audit = Assert.Single(await AuditAsync(), a => a.Action == "Deactivate");
        Assert.Equal(OperatorPassword.OperatorName, audit.Operator);
        Assert.Equal("Dashboard", audit.Origin);
        Assert.True(audit.Succeeded);
    }

    [Fact]
    public void Actions_that_make_no_sense_now_are_disabled()
    {
        var actions = Render<EngineActions>(p => p.Add(a => a.Snapshot, new EngineSnapshot { Active = false, FailedSubmissions = 0 }));

        Assert.True(actions.Find("[data-action=Deactivate]").HasAttribute("disabled"));
        Assert.True(actions.Find("[data-action=ResetLockout]").HasAttribute("disabled"));
        Assert.False(actions.Find("[data-action=Activate]").HasAttribute("disabled"));
    }

    protected override ValueTask DisposeTestResourcesAsync() => _engine.DisposeAsync();

    private async Task<List<IBeam.Engine.Data.Entities.OperatorAction>> AuditAsync()
    {
        await using var db = await _engine.Services.GetRequiredService<IDbContextFactory<IBeamDbContext>>().CreateDbContextAsync();
        return await db.OperatorActions.AsNoTracking().ToListAsync();
    }
}
