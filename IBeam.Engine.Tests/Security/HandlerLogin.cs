using System.Net.Http.Headers;
using System.Net.Http.Json;
using IBeam.Engine.Hosting;
using IBeam.Engine.Sandbox;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;
using IBeam.Engine.TwoFactor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;

namespace IBeam.Engine.Tests.Security;

/// <summary>
/// A full sandbox login with one 2FA handler, set up as that handler's own tests set it up, for a
/// dashboard that runs it: the sandbox's 2FA step, the handler's settings, what a person (or the
/// phone, or the SMS provider) does while the login waits, and the handler's own secrets.
/// </summary>
public sealed record HandlerLogin(
    string Handler,
    Func<SandboxScenario, SandboxScenario> Scenario,
    (string Key, string? Value)[] Settings,
    Func<HandlerLogin.Run, Task> Complete,
    IReadOnlyList<string> HandlerSecrets)
{
    public const string WebhookSecret = "sms-webhook-shared-secret-0042";

    /// <summary>Every handler IBeam has, as names for a theory.</summary>
    public static TheoryData<string> Names => ["MANUAL", "EXTERNAL_REQUEST", "SMS_WEBHOOK", "CUSTOM_HANDLER", "TOTP", "NOTIFICATION_RESEND", "GOOGLE_MSG"];

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>The running login a handler completes: the dashboard, its sandbox, an operator's signed-in page.</summary>
    public sealed record Run(InProcessDashboard Dashboard, SandboxGateway Sandbox, IPage Page) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Dashboard.DisposeAsync();

        public EngineState Engine => Dashboard.Services.GetRequiredService<EngineState>();

        /// <summary>The code of the SMS the sandbox sent last.</summary>
        public string CodeOnThePhone => SmsInbox.ExtractCode(Sandbox.State.Inbox[^1].Text)!;

        /// <summary>Waits until the login waits on <paramref name="handler"/>.</summary>
        public Task AwaitHandlerAsync(string handler) => Engine.WaitForAsync(s => s.TwoFactor?.Handler == handler);
    }

    public static HandlerLogin For(string handler, SandboxGateway sandbox, CustomHandlerSample sample) => handler switch
    {
        "MANUAL" => new(handler, s => s, [("IBEAM_TWO_FA_HANDLER", "MANUAL")], TypeOnTheTwoFactorPageAsync, []),
        "EXTERNAL_REQUEST" => new(handler, s => s, [], Nothing, []),
        "SMS_WEBHOOK" => new(handler, s => s, [("IBEAM_TWO_FA_HANDLER", "SMS_WEBHOOK"), ("IBEAM_SMS_WEBHOOK_SECRET", WebhookSecret)], PostTheSmsAsync, [WebhookSecret]),
        "CUSTOM_HANDLER" => new(handler, s => s, [("IBEAM_TWO_FA_HANDLER", "CUSTOM_HANDLER"), ("IBEAM_INPUTS_DIR", sample.InputsFolder)], Nothing, []),
        "TOTP" => new(handler, s => s with { TwoFactor = SandboxTwoFactor.Totp, CodeInput = "app" },
            [("IBEAM_TWO_FA_HANDLER", "TOTP"), ("IBEAM_TOTP_SECRET", SandboxAccount.TotpSecret)], Nothing, [SandboxAccount.TotpSecret]),
        "NOTIFICATION_RESEND" => new(handler, s => s with { TwoFactor = SandboxTwoFactor.Push, PushApproveAfterMs = null, PushApproveAfterResends = 1 },
            [("IBEAM_TWO_FA_HANDLER", "NOTIFICATION_RESEND"), ("IBEAM_NOTIFICATION_RESEND_RETRIES", "3"), ("IBEAM_NOTIFICATION_RESEND_INTERVAL", "2")], Nothing, []),
        "GOOGLE_MSG" => new(handler, s => s, MessagesPhone.Settings(sandbox), ScanTheQrCodeAsync, []),
        _ => throw new ArgumentOutOfRangeException(nameof(handler), handler, "not an IBeam handler"),
    };

    /// <summary>
    /// Starts the dashboard, active, running this login against <paramref name="sandbox"/> (with the
    /// handler tests' short timeouts), and signs an operator in on <paramref name="page"/>. The login
    /// is under way; <see cref="FinishAsync"/> completes it.
    /// </summary>
    public async Task<Run> StartAsync(SandboxGateway sandbox, IPage page, Action<IServiceCollection>? services = null, params (string Key, string? Value)[] more)
    {
        sandbox.State.SetScenario(Scenario);
        var settings = EngineHarness.Defaults(sandbox);
        settings["IBEAM_START_ACTIVE"] = "true";
        foreach (var (key, value) in Settings.Concat(more))
        {
            settings[key] = value;
        }

        var dashboard = await InProcessDashboard.StartAsync(settings, services: services);
        try
        {
            await DashboardSignIn.SignInAsync(page, dashboard.Address.ToString());
            return new Run(dashboard, sandbox, page);
        }
        catch
        {
            await dashboard.DisposeAsync();
            throw;
        }
    }

    /// <summary>Does what the handler needs done while the login waits, and waits until the gateway is authenticated.</summary>
    public async Task FinishAsync(Run run)
    {
        await Complete(run);
        await run.Engine.WaitForAsync(s => s.Gateway.Authenticated && s.Attempt is null, Patience);
    }

    /// <summary>
    /// Every whole 2FA code the sandbox issued or accepted since <paramref name="since"/>: the codes of
    /// the SMS it sent, and the authenticator app's codes of the time the login took.
    /// </summary>
    public static IReadOnlyList<string> CodesIssued(SandboxGateway sandbox, DateTimeOffset since)
    {
        var totp = new Totp(Base32Encoding.ToBytes(SandboxAccount.TotpSecret));
        var steps = Enumerable.Range(-1, (int)((DateTimeOffset.UtcNow - since).TotalSeconds / 30) + 3)
            .Select(step => totp.ComputeTotp(since.UtcDateTime.AddSeconds(30 * step)));
        return [.. sandbox.State.Inbox.Select(m => SmsInbox.ExtractCode(m.Text)).OfType<string>(), .. steps];
    }

    private static Task Nothing(Run run) => Task.CompletedTask;

    /// <summary>MANUAL: the operator reads the phone and types the code on the Two-factor page.</summary>
    private static async Task TypeOnTheTwoFactorPageAsync(Run run)
    {
        await run.AwaitHandlerAsync("MANUAL");
        await run.Page.GotoAsync(new Uri(run.Dashboard.Address, "/two-factor").ToString());
        await DashboardSignIn.WaitForLiveAsync(run.Page);
        await run.Page.Locator("#manual-code").FillAsync(run.CodeOnThePhone);
        await run.Page.Locator("#manual-code").PressAsync("Enter");
    }

    /// <summary>SMS_WEBHOOK: the SMS provider posts the phone's message to IBeam's own server.</summary>
    private static async Task PostTheSmsAsync(Run run)
    {
        await run.AwaitHandlerAsync("SMS_WEBHOOK");
        var server = run.Dashboard.Services.GetRequiredService<InboundServer>();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address!, SmsWebhookEndpoints.JsonRoute))
        {
            Content = JsonContent.Create(new { body = run.Sandbox.State.Inbox[^1].Text, from = "+15005550006" }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", WebhookSecret) },
        };
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>GOOGLE_MSG: the phone scans the QR code the dashboard shows.</summary>
    private static async Task ScanTheQrCodeAsync(Run run)
    {
        var paired = await run.Engine.WaitForAsync(s => s.TwoFactor?.Pairing?.QrPayload is not null);
        await MessagesPhone.ScanAsync(run.Sandbox, paired.TwoFactor!.Pairing!.QrPayload);
    }
}
