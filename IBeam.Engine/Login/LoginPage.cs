using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IBeam.Engine.Login;

/// <summary>
/// The gateway's login page as the flow sees it: waits for page states, never for the clock.
/// Every wait is on an element becoming visible (Playwright re-checks on each DOM change and
/// follows navigations), bounded by the caller's timeout.
/// </summary>
public sealed partial class LoginPage(IPage page, PageElements elements)
{
    public IPage Page => page;

    public PageElements Elements => elements;

    /// <summary>Opens the page; returns once the gateway answered (the form is then awaited as an element, not as a load event).</summary>
    public Task GotoAsync(Uri url, TimeSpan timeout) =>
        page.GotoAsync(url.ToString(), new PageGotoOptions { Timeout = Ms(timeout), WaitUntil = WaitUntilState.Commit });

    /// <summary>Waits for the username field; returns the page generation (1 or 2).</summary>
    public async Task<int> WaitForLoginFormAsync(TimeSpan timeout)
    {
        var userName = page.Locator(elements.UserName).Filter(new() { Visible = true }).First;
        await userName.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Ms(timeout) });
        return await page.Locator(elements.V1UserNameCss).Filter(new() { Visible = true }).CountAsync() > 0 ? 1 : 2;
    }

    /// <summary>True when the page's toggle is set for the paper account (false when the page has no toggle).</summary>
    public async Task<bool?> IsPaperModeAsync()
    {
        if (elements.PaperCheckbox is not { } checkbox || await page.Locator(checkbox).CountAsync() == 0)
        {
            return null;
        }

        return await page.Locator(checkbox).First.IsCheckedAsync();
    }

    public Task TogglePaperModeAsync() => page.Locator(elements.PaperToggle).Filter(new() { Visible = true }).First.ClickAsync();

    public async Task FillCredentialsAsync(string account, string password)
    {
        await page.Locator(elements.UserName).Filter(new() { Visible = true }).First.FillAsync(account);
        await page.Locator(elements.Password).Filter(new() { Visible = true }).First.FillAsync(password);
    }

    /// <summary>
    /// Submits the form. The old error text is cleared first, so that an error seen afterwards is
    /// an answer to this submission and not the previous one.
    /// </summary>
    public async Task SubmitAsync()
    {
        await ClearErrorAsync();
        await page.Locator(elements.Submit).Filter(new() { Visible = true }).First.ClickAsync();
    }

    /// <summary>
    /// Waits until one of <paramref name="accepted"/> shows, and says which. Returns
    /// <see cref="PageState.None"/> when none did within <paramref name="timeout"/>.
    /// </summary>
    public async Task<PageState> WaitForStateAsync(IReadOnlyCollection<PageState> accepted, TimeSpan timeout, string? selectTarget)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var any = accepted.Select(Locate).Aggregate((a, b) => a.Or(b)).First;
        while (true)
        {
            var left = timeout - System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return PageState.None;
            }

            try
            {
                await any.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Ms(left) });
            }
            catch (TimeoutException)
            {
                return PageState.None;
            }

            foreach (var state in accepted.Order())
            {
                if (await IsShownAsync(state, selectTarget))
                {
                    return state;
                }
            }

            // The element went away between the wait and the check (the page moved on): wait again.
        }
    }

    /// <summary>The error text on display, trimmed.</summary>
    public async Task<string> ReadErrorAsync()
    {
        var error = Locate(PageState.Error);
        return await error.CountAsync() > 0 ? (await error.First.InnerTextAsync()).Trim() : "";
    }

    /// <summary>Text of the 2FA step (its instructions), for the operator.</summary>
    public async Task<string?> ReadTwoFactorPromptAsync()
    {
        var container = page.Locator(elements.TwoFactorContainer).Filter(new() { Visible = true });
        if (await container.CountAsync() == 0)
        {
            return null;
        }

        var text = Whitespace().Replace(await container.First.InnerTextAsync(), " ").Trim();
        return text.Length > 300 ? text[..300] + "…" : text;
    }

    /// <summary>The device choice's options, as shown.</summary>
    public async Task<IReadOnlyList<string>> ReadDevicesAsync() =>
        (await page.Locator(elements.DeviceSelect).Filter(new() { Visible = true }).First.Locator("option").AllInnerTextsAsync())
        .Select(t => t.Trim()).ToList();

    /// <summary>Chooses the device whose text contains <paramref name="target"/>; false when no option does.</summary>
    public async Task<string?> ChooseDeviceAsync(string target)
    {
        var choice = (await ReadDevicesAsync()).FirstOrDefault(o => o.Contains(target, StringComparison.OrdinalIgnoreCase));
        if (choice is null)
        {
            return null;
        }

        await page.Locator(elements.DeviceSelect).Filter(new() { Visible = true }).First.SelectOptionAsync(new SelectOptionValue { Label = choice });
        return choice;
    }

    /// <summary>Types the code into the visible code input and presses Enter, which submits it.</summary>
    public async Task SubmitCodeAsync(string code)
    {
        await ClearErrorAsync();
        var input = Locate(PageState.CodeInput).First;
        await input.FillAsync(code);
        await input.PressAsync("Enter");
    }

    /// <summary>
    /// Presses the push step's resend link (the page's resendNotification()); false when the link is
    /// gone, as when the phone approved a moment ago and the page is on its way to success.
    /// </summary>
    public async Task<bool> ResendNotificationAsync()
    {
        var link = page.Locator("a[onclick*='resendNotification()']").Filter(new() { Visible = true });
        if (await link.CountAsync() == 0)
        {
            return false;
        }

        try
        {
            await link.First.ClickAsync(new() { Timeout = 5_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public Task SkipPromotionAsync() => Locate(PageState.Promotion).First.ClickAsync();

    public async Task<bool> IsTwoFactorShownAsync() => await page.Locator(elements.TwoFactorContainer).Filter(new() { Visible = true }).CountAsync() > 0;

    public async Task ScreenshotAsync(string path) => await page.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = 10_000 });

    private ILocator Locate(PageState state) => state switch
    {
        PageState.Success => elements.SuccessIsText
            ? page.GetByText(elements.SuccessText).Filter(new() { Visible = true })
            : page.Locator(new Configuration.ElementSelector("CSS_SELECTOR", elements.SuccessText).Css).Filter(new() { Visible = true }),
        PageState.Error => page.Locator(elements.Error).Filter(new() { Visible = true, HasTextRegex = NonBlank() }),
        PageState.Promotion => page.Locator(elements.Promotion).Filter(new() { Visible = true }),
        PageState.Notification => page.Locator(elements.Notification).Filter(new() { Visible = true }),
        PageState.DeviceChoice => page.Locator(elements.DeviceSelect).Filter(new() { Visible = true }),
        PageState.CodeInput => page.Locator(elements.CodeInput).Filter(new() { Visible = true }),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    private async Task<bool> IsShownAsync(PageState state, string? selectTarget)
    {
        var locator = Locate(state);
        if (await locator.CountAsync() == 0)
        {
            return false;
        }

        if (state != PageState.DeviceChoice || selectTarget is null)
        {
            return true;
        }

        // A device choice needs acting on only while the wanted device is not the chosen one.
        var chosen = await locator.First.EvaluateAsync<string>("s => s.options[s.selectedIndex]?.text ?? ''");
        return !chosen.Contains(selectTarget, StringComparison.OrdinalIgnoreCase);
    }

    private Task ClearErrorAsync() =>
        page.EvaluateAsync("selector => document.querySelectorAll(selector).forEach(e => { e.textContent = ''; })", elements.Error);

    private static float Ms(TimeSpan timeout) => (float)Math.Max(1, timeout.TotalMilliseconds);

    [GeneratedRegex(@"\S")]
    private static partial Regex NonBlank();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
