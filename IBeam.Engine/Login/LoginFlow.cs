using IBeam.Engine.Configuration;
using IBeam.Engine.Logging;
using IBeam.Engine.TwoFactor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace IBeam.Engine.Login;

/// <summary>
/// One browser login to the gateway's page: credentials, paper/live mode, device choice, 2FA code
/// or push approval, IB Key promotion, success. Each submission is reserved with the lock-out
/// guard before it is made and settled once the page has answered.
/// </summary>
public sealed class LoginFlow(
    IOptionsMonitor<IBeamOptions> options,
    BrowserLauncher launcher,
    CredentialsProvider credentials,
    TwoFactorHandlerSelector handlers,
    TwoFactorCodeSource codes,
    ILockoutGuard guard,
    TimeProvider time,
    ILogger<LoginFlow> logger)
{
    private const string InvalidCredentialsText = "Invalid username password combination";

    private IBeamOptions Settings => options.CurrentValue;

    public async Task<LoginResult> RunAsync(ILoginProgress progress, CancellationToken cancellationToken)
    {
        if (guard.Current.Stopped)
        {
            return new LoginResult(LoginOutcome.LockoutGuardStopped, guard.Current.Reason);
        }

        Credentials account;
        try
        {
            account = credentials.Read();
        }
        catch (CredentialsException e)
        {
            return new LoginResult(LoginOutcome.ConfigurationError, e.Message);
        }

        progress.Step(LoginStep.Starting);
        BrowserSession session;
        try
        {
            session = await launcher.LaunchAsync(cancellationToken);
        }
        catch (Exception e) when (e is PlaywrightException or InvalidOperationException or IOException && !cancellationToken.IsCancellationRequested)
        {
            var message = $"Chromium could not start ({launcher.ExecutablePath ?? "Playwright's browser"}): {SecretText.FirstLine(e.Message)}. " +
                          "Install Debian's chromium (apt-get install chromium) or set IBEAM_BROWSER_PATH.";
            return new LoginResult(LoginOutcome.BrowserFailed, message);
        }

        // Its own step, so that the history tells Chromium's start from the page's load.
        progress.Step(LoginStep.BrowserLaunched);
        var run = new Run(new LoginPage(session.Page, new PageElements(Settings.Elements)), account, progress);
        try
        {
            var result = await RunOnPageAsync(run, cancellationToken);
            if (!result.Succeeded && result.Outcome != LoginOutcome.Cancelled && Settings.Login.ErrorScreenshots)
            {
                result = result with { Screenshot = await SaveScreenshotAsync(run, result.Outcome) };
            }

            await SettleAsync(run, result);
            progress.Step(LoginStep.Finished, result.Succeeded ? "Client login succeeds" : result.Outcome.ToString());
            return result;
        }
        finally
        {
            // Chromium closes while the engine goes on to check the session; the pass waits for it before it ends.
            launcher.CloseInBackground(session);
        }
    }

    private async Task<LoginResult> RunOnPageAsync(Run run, CancellationToken cancellationToken)
    {
        try
        {
            return await WalkPageAsync(run, cancellationToken);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // A submission in flight may have been judged by IBKR: it stays counted.
            return new LoginResult(LoginOutcome.Cancelled, "The login was cancelled.", CountedAsFailure: run.InFlight);
        }
        catch (LockoutGuardStoppedException e)
        {
            return new LoginResult(LoginOutcome.LockoutGuardStopped, e.Message);
        }
        catch (PlaywrightException e)
        {
            var message = SecretText.Redact(SecretText.FirstLine(e.Message), run.Account.Password, run.Code);
            EngineLog.LoginPageFault(logger, message);
            return new LoginResult(LoginOutcome.PageError, $"The login page failed: {message}", CountedAsFailure: run.InFlight);
        }
    }

    private async Task<LoginResult> WalkPageAsync(Run run, CancellationToken cancellationToken)
    {
        var page = run.Page;
        var login = Settings.Login;
        var url = new Uri(Settings.Gateway.BaseUrl.ToString().TrimEnd('/') + Settings.Gateway.RouteAuth);
        try
        {
            await page.GotoAsync(url, login.PageLoadTimeout);
        }
        catch (PlaywrightException e) when (e.Message.Contains("net::ERR_", StringComparison.Ordinal))
        {
            return new LoginResult(LoginOutcome.GatewayUnreachable, $"The login page at {url} could not be opened: {SecretText.FirstLine(e.Message)}");
        }

        int generation;
        try
        {
            generation = await page.WaitForLoginFormAsync(login.PageLoadTimeout);
        }
        catch (TimeoutException)
        {
            return new LoginResult(LoginOutcome.PageTimeout,
                $"The login page at {url} showed no username field within {login.PageLoadTimeout.TotalSeconds:0.#} s (IBEAM_PAGE_LOAD_TIMEOUT). " +
                $"Looked for '{page.Elements.UserName}'; if IBKR renamed it, set IBEAM_USER_NAME_EL.");
        }

        run.Progress.Step(LoginStep.PageLoaded, $"login page v{generation}");
        await EnsurePaperModeAsync(run);
        await page.FillCredentialsAsync(run.Account.Account, run.Account.Password);
        run.Ticket = await guard.BeginSubmissionAsync(cancellationToken);
        await page.SubmitAsync();
        run.InFlight = true;
        run.Progress.Step(LoginStep.CredentialsSubmitted);
        EngineLog.CredentialsSubmitted(logger, generation);

        var accepted = Enum.GetValues<PageState>().Where(s => s != PageState.None).ToHashSet();
        var modeSwitched = false;
        string? device = null;
        while (true)
        {
            var wait = run.Push?.ResendInterval ?? login.OauthTimeout;
            var state = await page.WaitForStateAsync(accepted, wait, device is null ? Settings.TwoFactor.SelectTarget : null);
            switch (state)
            {
                case PageState.Success:
                    run.InFlight = false;
                    EngineLog.LoginSucceeded(logger);
                    return new LoginResult(LoginOutcome.Succeeded);

                case PageState.Error:
                    var text = await page.ReadErrorAsync();
                    if (IsModeMismatch(text) && !modeSwitched)
                    {
                        // Not judged by IBKR as a failed login: switch the mode and submit again.
                        modeSwitched = true;
                        EngineLog.ModeMismatch(logger, text);
                        await page.TogglePaperModeAsync();
                        run.Progress.Step(LoginStep.PaperModeSet, "switched live/paper after the page's mode mismatch");
                        await page.SubmitAsync();
                        continue;
                    }

                    return Rejected(run, text);

                case PageState.Promotion:
                    await page.SkipPromotionAsync();
                    run.Progress.Step(LoginStep.PromotionSkipped);
                    accepted = [PageState.Success, PageState.Error];
                    continue;

                case PageState.DeviceChoice:
                    device = await page.ChooseDeviceAsync(Settings.TwoFactor.SelectTarget);
                    if (device is null)
                    {
                        run.InFlight = false;
                        var offered = string.Join(", ", await page.ReadDevicesAsync());
                        return new LoginResult(LoginOutcome.ConfigurationError,
                            $"IBEAM_TWO_FA_SELECT_TARGET is '{Settings.TwoFactor.SelectTarget}', but the page offers only: {offered}.");
                    }

                    run.Progress.Step(LoginStep.DeviceChosen, device);
                    accepted.Remove(PageState.DeviceChoice);
                    continue;

                case PageState.Notification:
                    // Credentials accepted; the phone must approve. Nothing is typed.
                    run.InFlight = false;
                    run.AwaitingPush = true;
                    run.Push = handlers.Selected as IPushNotificationHandler;
                    var pushWait = run.Push is { } push ? push.ResendInterval * (push.ResendRetries + 1) : login.OauthTimeout;
                    run.Progress.Step(LoginStep.AwaitingPushApproval, device);
                    run.Progress.Awaiting("push notification", time.GetUtcNow() + pushWait, await page.ReadTwoFactorPromptAsync(), push: true);
                    EngineLog.AwaitingPush(logger, pushWait.TotalSeconds);
                    accepted = [PageState.Success, PageState.Error, PageState.Promotion];
                    continue;

                case PageState.CodeInput:
                    run.InFlight = false;
                    if (await ProvideCodeAsync(run, device, cancellationToken) is { } failure)
                    {
                        return failure;
                    }

                    run.InFlight = true;
                    accepted = [PageState.Success, PageState.Error, PageState.Promotion];
                    continue;

                default:
                    if (run.Push is { } resender && run.Resends < resender.ResendRetries)
                    {
                        // Not approved yet: send the notification again, as NOTIFICATION_RESEND does. A vanished
                        // link still uses up a resend, so a page that neither succeeds nor offers it cannot keep the loop going.
                        run.Resends++;
                        EngineLog.ResendingNotification(logger, run.Resends, resender.ResendRetries);
                        if (!await page.ResendNotificationAsync())
                        {
                            EngineLog.ResendLinkGone(logger);
                        }

                        continue;
                    }

                    return await TimedOutAsync(run);
            }
        }
    }

    /// <summary>
    /// Gets a code from the handler (or, when it gives none, from the fallback while the page still
    /// waits) and submits it; returns a result only when the login ends here.
    /// </summary>
    private async Task<LoginResult?> ProvideCodeAsync(Run run, string? device, CancellationToken cancellationToken)
    {
        run.Progress.Step(LoginStep.TwoFactorRequested, device);
        var askable = new[] { handlers.Selected, handlers.Fallback }.OfType<ITwoFactorHandler>().ToList();
        if (askable.Count == 0)
        {
            EngineLog.NoHandler(logger);
            return new LoginResult(LoginOutcome.NoHandler,
                "The gateway asks for a 2FA code, but no handler is configured. Set IBEAM_TWO_FA_HANDLER (see the README's 'Two-factor handlers').");
        }

        var prompt = await run.Page.ReadTwoFactorPromptAsync();
        var requestedAt = time.GetUtcNow();
        CodeResult? code = null;
        foreach (var handler in askable)
        {
            if (code is not null)
            {
                if (!await CodeInputShownAsync(run))
                {
                    return new LoginResult(LoginOutcome.TwoFactorTimeout, $"{code.Failure}; the page's 2FA step closed before the fallback could be asked.");
                }

                EngineLog.FallingBack(logger, code.Source, handler.Name);
            }

            code = await AskAsync(run, handler, new TwoFactorRequest(requestedAt, prompt, device), cancellationToken);
            if (code.Succeeded)
            {
                break;
            }
        }

        if (!code!.Succeeded)
        {
            return new LoginResult(code.TimedOut ? LoginOutcome.TwoFactorTimeout : LoginOutcome.HandlerFailed, code.Failure);
        }

        run.Code = code.Code;
        run.Progress.CodeObtained(code.Source, TwoFactorCode.Mask(code.Code!));
        if (!await CodeInputShownAsync(run))
        {
            return new LoginResult(LoginOutcome.TwoFactorTimeout, "The page's 2FA step closed before the code arrived; the code was not typed.");
        }

        await run.Page.SubmitCodeAsync(code.Code!);
        run.Progress.Step(LoginStep.CodeSubmitted);
        EngineLog.CodeSubmitted(logger, code.Source);
        return null;
    }

    private async Task<CodeResult> AskAsync(Run run, ITwoFactorHandler handler, TwoFactorRequest request, CancellationToken cancellationToken)
    {
        run.Progress.Step(LoginStep.HandlerAsked, handler.Name);
        run.Progress.Awaiting(handler.Name, time.GetUtcNow() + handler.Timeout, request.Prompt, push: false);
        try
        {
            return await codes.ObtainAsync(handler, request with { ShowPairing = run.Progress.Pairing }, cancellationToken);
        }
        finally
        {
            run.Progress.Pairing(null);
            run.Progress.AwaitEnded();
        }
    }

    private static async Task<bool> CodeInputShownAsync(Run run) =>
        await run.Page.Page.Locator(run.Page.Elements.CodeInput).Filter(new() { Visible = true }).CountAsync() > 0;

    private LoginResult Rejected(Run run, string text)
    {
        run.InFlight = false;
        EngineLog.PageShowedError(logger, text);
        if (text.Contains(InvalidCredentialsText, StringComparison.OrdinalIgnoreCase))
        {
            return new LoginResult(LoginOutcome.InvalidCredentials,
                $"The gateway rejected the username or password: \"{text}\". Check IBEAM_ACCOUNT and IBEAM_PASSWORD.", CountedAsFailure: true);
        }

        if (run.Code is not null)
        {
            return new LoginResult(LoginOutcome.CodeRejected, $"The gateway rejected the 2FA code: \"{text}\".", CountedAsFailure: true);
        }

        // An error IBeam does not know may still be a failed login to IBKR: counting it errs on the safe side.
        return new LoginResult(LoginOutcome.PageError, $"The login page showed an error: \"{text}\".", CountedAsFailure: true);
    }

    private async Task<LoginResult> TimedOutAsync(Run run)
    {
        var seconds = Settings.Login.OauthTimeout.TotalSeconds;
        var counted = (run.InFlight || run.AwaitingPush) && Settings.Login.CountTimeoutAsFailed;
        if (run.AwaitingPush)
        {
            return new LoginResult(LoginOutcome.TwoFactorTimeout, run.Push is { } push
                ? $"The push notification was not approved after {run.Resends} resends, {push.ResendInterval.TotalSeconds:0.#} s apart (IBEAM_NOTIFICATION_RESEND_RETRIES, IBEAM_NOTIFICATION_RESEND_INTERVAL)."
                : $"The push notification was not approved within {seconds:0.#} s (IBEAM_OAUTH_TIMEOUT).", counted);
        }

        if (run.Code is not null)
        {
            return new LoginResult(LoginOutcome.PageTimeout, $"The page did not answer the submitted 2FA code within {seconds:0.#} s (IBEAM_OAUTH_TIMEOUT).", counted);
        }

        if (await run.Page.IsTwoFactorShownAsync())
        {
            return new LoginResult(LoginOutcome.PageTimeout,
                $"The page asks for a second factor, but none of the known code inputs appeared within {seconds:0.#} s. " +
                $"Looked for '{run.Page.Elements.CodeInput}'; set IBEAM_TWO_FA_INPUT_EL_ID to the input IBKR uses now.", counted);
        }

        return new LoginResult(LoginOutcome.PageTimeout, $"The page did not answer the credentials within {seconds:0.#} s (IBEAM_OAUTH_TIMEOUT).", counted);
    }

    private async Task EnsurePaperModeAsync(Run run)
    {
        var wanted = Settings.Login.UsePaperAccount;
        var current = await run.Page.IsPaperModeAsync();
        if (current == wanted || (current is null && !wanted))
        {
            return;
        }

        await run.Page.TogglePaperModeAsync();
        run.Progress.Step(LoginStep.PaperModeSet, wanted ? "paper" : "live");
    }

    private async Task SettleAsync(Run run, LoginResult result)
    {
        if (run.Ticket is not { } ticket)
        {
            return;
        }

        // Settling must happen even when the login was cancelled.
        if (result.Succeeded)
        {
            await guard.SettleSucceededAsync(ticket, CancellationToken.None);
        }
        else if (result.CountedAsFailure)
        {
            await guard.SettleFailedAsync(ticket, result.Outcome.ToString(), CancellationToken.None);
        }
        else
        {
            await guard.SettleNotCountedAsync(ticket, CancellationToken.None);
        }
    }

    private async Task<string?> SaveScreenshotAsync(Run run, LoginOutcome outcome)
    {
        try
        {
            // The typed password and code are wiped from the page first: the screenshot may be shown to anyone who can see the history.
            await run.Page.Page.EvaluateAsync(
                "selectors => selectors.forEach(s => document.querySelectorAll(s).forEach(e => { e.value = ''; }))",
                new[] { run.Page.Elements.Password, run.Page.Elements.CodeInput });
            var folder = Path.Combine(Settings.Gateway.OutputsDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            var path = Path.GetFullPath(Path.Combine(folder, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{outcome}.png"));
            await run.Page.ScreenshotAsync(path);
            EngineLog.ScreenshotSaved(logger, path);
            return path;
        }
        catch (Exception e) when (e is PlaywrightException or IOException or UnauthorizedAccessException)
        {
            EngineLog.ScreenshotFailed(logger, SecretText.FirstLine(e.Message));
            return null;
        }
    }

    private static bool IsModeMismatch(string text) =>
        text.Contains("select the correct Login mode", StringComparison.OrdinalIgnoreCase)
        || (text.Contains("Account Mode", StringComparison.OrdinalIgnoreCase) && text.Contains("Paper Trading", StringComparison.OrdinalIgnoreCase));

    /// <summary>The state of one login run.</summary>
    private sealed class Run(LoginPage page, Credentials account, ILoginProgress progress)
    {
        public LoginPage Page { get; } = page;

        public Credentials Account { get; } = account;

        public ILoginProgress Progress { get; } = progress;

        public SubmissionTicket? Ticket { get; set; }

        /// <summary>A submission was made and the page has not answered it yet.</summary>
        public bool InFlight { get; set; }

        public bool AwaitingPush { get; set; }

        /// <summary>The handler that resends push notifications, when one is configured.</summary>
        public IPushNotificationHandler? Push { get; set; }

        public int Resends { get; set; }

        public string? Code { get; set; }
    }
}
