using Bunit;
using Bunit.Rendering;
using IBeam.Dashboard.Security;
using IBeam.Engine.Configuration;
using IBeam.Engine.Operators;
using IBeam.Engine.Settings;
using IBeam.Engine.Tests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using SettingsPage = IBeam.Dashboard.Components.Pages.Settings;

namespace IBeam.Engine.Tests.Dashboard;

/// <summary>The settings page over a real settings service and SQLite database, as an operator named alice uses it.</summary>
public sealed class SettingsPageTests : DashboardTestContext
{
    // The longest a test waits for the page to follow a change (a loaded machine is slow); not a delay.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private EngineHarness? _engine;

    private SettingsService Service => _engine!.Get<SettingsService>();

    [Fact]
    public void Every_setting_is_listed_with_its_value_and_source()
    {
        var page = RenderPage();

        foreach (var descriptor in SettingDescriptor.All)
        {
            Assert.NotNull(page.Find($"[data-setting='{descriptor.Name}']"));
        }

        var interval = page.Find("[data-setting='IBEAM_MAINTENANCE_INTERVAL']");
        Assert.Equal("60", interval.QuerySelector("[data-value]")!.TextContent);
        Assert.Equal("Default", interval.QuerySelector("[data-source]")!.GetAttribute("data-source"));
        Assert.NotNull(interval.QuerySelector("[data-edit]"));
        Assert.NotNull(page.Find("[data-setting='IBEAM_REQUEST_TIMEOUT'] [data-restart]"));
    }

    [Fact]
    public void A_setting_from_the_environment_is_locked_and_has_no_edit_button()
    {
        var prefix = $"IBEAMTEST{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "IBEAM_OAUTH_TIMEOUT", "20");
        try
        {
            var page = RenderPage(c => c.AddEnvironmentVariables(prefix));

            var timeout = page.Find("[data-setting='IBEAM_OAUTH_TIMEOUT']");
            Assert.Null(timeout.QuerySelector("[data-edit]"));
            Assert.NotNull(timeout.QuerySelector("[data-locked]"));
            Assert.Contains("environment variable", timeout.QuerySelector("[data-lock-reason]")!.TextContent);
            Assert.Equal("20", timeout.QuerySelector("[data-value]")!.TextContent);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "IBEAM_OAUTH_TIMEOUT", null);
        }
    }

    [Fact]
    public void A_setting_that_cannot_be_stored_is_locked_and_says_why()
    {
        var page = RenderPage();

        var sandbox = page.Find("[data-setting='IBEAM_SANDBOX']");
        Assert.Null(sandbox.QuerySelector("[data-edit]"));
        Assert.Contains("IBeam needs it before it reads stored settings", sandbox.QuerySelector("[data-lock-reason]")!.TextContent);
    }

    [Fact]
    public async Task An_invalid_value_shows_the_problem_keeps_the_dialog_open_and_is_not_stored()
    {
        var page = RenderPage();

        Edit(page, "IBEAM_MAX_FAILED_AUTH", "10");

        page.WaitForAssertion(() => Assert.Contains("IBEAM_MAX_FAILED_AUTH must be between 1 and 9", page.Find("#setting-problems").TextContent), Patience);
        Assert.NotNull(page.Find("#setting-value"));
        Assert.Equal(SettingSource.Default, Service.Get("IBEAM_MAX_FAILED_AUTH").Source);
        Assert.Empty(await Service.HistoryAsync(null, 10, CancellationToken.None));
        var audit = Assert.Single(await _engine!.Get<OperatorAudit>().RecentAsync(10));
        Assert.Equal(("alice", "ChangeSetting", false, "IBEAM_MAX_FAILED_AUTH"), (audit.Operator, audit.Action, audit.Succeeded, audit.Detail));
    }

    [Fact]
    public async Task A_valid_value_is_stored_by_the_operator_and_appears_in_the_history()
    {
        var page = RenderPage();

        Edit(page, "IBEAM_MAINTENANCE_INTERVAL", "30");

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#setting-value")), Patience);
        var view = Service.Get("IBEAM_MAINTENANCE_INTERVAL");
        Assert.Equal(("30", SettingSource.Stored), (view.Value, view.Source));
        var change = Assert.Single(await Service.HistoryAsync(null, 10, CancellationToken.None));
        Assert.Equal(("60", "30", "alice"), (change.OldValue, change.NewValue, change.ChangedBy));
        page.WaitForAssertion(() => Assert.Equal("60 → 30", page.Find("#setting-history [data-change]").TextContent.Trim()), Patience);
        Assert.Equal("30", page.Find("[data-setting='IBEAM_MAINTENANCE_INTERVAL'] [data-value]").TextContent);
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "IBEAM_MAINTENANCE_INTERVAL saved.");
        var audit = Assert.Single(await _engine!.Get<OperatorAudit>().RecentAsync(10));
        Assert.Equal(("alice", "ChangeSetting", true, "IBEAM_MAINTENANCE_INTERVAL"), (audit.Operator, audit.Action, audit.Succeeded, audit.Detail));
    }

    [Fact]
    public void A_setting_used_at_start_up_says_the_change_takes_effect_after_a_restart()
    {
        var page = RenderPage();

        Edit(page, "IBEAM_REQUEST_TIMEOUT", "25");

        page.WaitForAssertion(() => Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars,
            s => s.Message == "IBEAM_REQUEST_TIMEOUT saved. It takes effect after a restart."), Patience);
    }

    [Fact]
    public async Task A_stored_value_can_be_cleared_back_to_the_default()
    {
        var page = RenderPage();
        Assert.True((await Service.SetAsync("IBEAM_MAINTENANCE_INTERVAL", "45", "bob", CancellationToken.None)).Applied);
        page.WaitForAssertion(() => Assert.Equal("45", page.Find("[data-setting='IBEAM_MAINTENANCE_INTERVAL'] [data-value]").TextContent), Patience);

        page.Find("[data-edit='IBEAM_MAINTENANCE_INTERVAL']").Click();
        page.WaitForElement("#setting-clear", Patience).Click();

        page.WaitForAssertion(() => Assert.Equal("60", page.Find("[data-setting='IBEAM_MAINTENANCE_INTERVAL'] [data-value]").TextContent), Patience);
        Assert.Equal(SettingSource.Default, Service.Get("IBEAM_MAINTENANCE_INTERVAL").Source);
        var cleared = (await Service.HistoryAsync(null, 10, CancellationToken.None))[0];
        Assert.Equal(("45", "60", "alice"), (cleared.OldValue, cleared.NewValue, cleared.ChangedBy));
    }

    [Fact]
    public async Task A_secret_is_write_only_and_its_value_never_appears_in_the_page()
    {
        const string token = "tok-3f9a1c77-very-secret";
        var page = RenderPage();

        page.Find("[data-edit='IBEAM_API_TOKEN']").Click();
        Assert.Equal("password", page.WaitForElement("#setting-value", Patience).GetAttribute("type"));
        Assert.True(string.IsNullOrEmpty(page.Find("#setting-value").GetAttribute("value")));
        page.Find("#setting-value").Input(token);
        page.Find("#setting-save").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#setting-value")), Patience);
        Assert.Equal(token, _engine!.Get<IOptionsMonitor<IBeamOptions>>().CurrentValue.Dashboard.ApiToken);
        Assert.Equal("set", page.Find("[data-setting='IBEAM_API_TOKEN'] [data-value]").TextContent);
        Assert.Equal("not set → (secret)", page.Find("#setting-history [data-change]").TextContent.Trim());
        Assert.DoesNotContain(token, page.Markup);

        // Opening it again shows whether it is set, never the value.
        page.Find("[data-edit='IBEAM_API_TOKEN']").Click();
        Assert.Contains("Currently set", page.WaitForElement("#setting-secret-state", Patience).TextContent);
        Assert.True(string.IsNullOrEmpty(page.Find("#setting-value").GetAttribute("value")));
        Assert.DoesNotContain(token, page.Markup);
    }

    [Fact]
    public async Task A_change_made_elsewhere_shows_without_a_reload()
    {
        var page = RenderPage();

        await Service.SetAsync("IBEAM_TWO_FA_SELECT_TARGET", "SMS", "bob", CancellationToken.None);

        page.WaitForAssertion(() => Assert.Equal("SMS", page.Find("[data-setting='IBEAM_TWO_FA_SELECT_TARGET'] [data-value]").TextContent), Patience);
        Assert.Equal("Stored", page.Find("[data-setting='IBEAM_TWO_FA_SELECT_TARGET'] [data-source]").GetAttribute("data-source"));
        page.WaitForAssertion(() => Assert.Contains("bob", page.Find("#setting-history").TextContent), Patience);
    }

    [Fact]
    public void The_search_shows_only_matching_settings_in_their_areas()
    {
        var page = RenderPage();

        page.Find("#setting-search").Input("totp");

        var shown = page.FindAll("[data-setting]").Select(e => e.GetAttribute("data-setting")).ToList();
        Assert.Equal(["IBEAM_TOTP_SECRET", "IBEAM_TOTP_EXPIRY_BUFFER_SECONDS"], shown);
        Assert.Equal(["2FA handlers"], page.FindAll("[data-area]").Select(e => e.GetAttribute("data-area")));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }
    }

    /// <summary>Opens the edit dialog of <paramref name="name"/>, types <paramref name="value"/> and saves.</summary>
    private static void Edit(IRenderedComponent<ContainerFragment> page, string name, string value)
    {
        page.Find($"[data-edit='{name}']").Click();
        page.WaitForElement("#setting-value", Patience).Input(value);
        page.Find("#setting-save").Click();
    }

    private IRenderedComponent<ContainerFragment> RenderPage(Action<IConfigurationBuilder>? configure = null)
    {
        _engine = EngineHarness.Create(new Dictionary<string, string?> { ["IBEAM_ACCOUNT"] = "someone", ["IBEAM_PASSWORD"] = "something" }, configure);
        Services.AddSingleton(_engine.Get<SettingsService>());
        Services.AddSingleton(_engine.Get<OperatorAudit>());
        Services.AddSingleton(_engine.Get<IOptionsMonitor<IBeamOptions>>());
        Services.AddScoped<CurrentOperator>();
        AddAuthorization().SetAuthorized("alice");
        return Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<SettingsPage>(2);
            builder.CloseComponent();
        });
    }
}
