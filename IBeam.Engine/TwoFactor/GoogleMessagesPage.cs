using System.Text.Json;
using IBeam.Engine.Configuration;
using Microsoft.Playwright;

namespace IBeam.Engine.TwoFactor;

/// <summary>An unread message as the conversation list shows it: its text and the time beside it, if any.</summary>
public sealed record UnreadMessage(string Text, string? Time);

/// <summary>
/// Google Messages for web as the GOOGLE_MSG handler reads it, through the element settings. Every
/// wait is on the page's state (Playwright polls the page), bounded by the time it is given.
/// </summary>
internal sealed class GoogleMessagesPage(IPage page, GoogleMessagesOptions settings)
{
    public const string Paired = "paired";
    public const string Other = "other";
    private const string QrPrefix = "qr:";

    // Polled by Playwright inside the page; a quarter second is quick for a person and idle for Chromium.
    private const float PollMs = 250;

    // What the page shows: the conversation list (paired), a QR code with a payload, or anything else.
    private const string StateJs = """
        ([qr, attribute, list]) => {
          if (document.querySelector(list)) return 'paired';
          const code = document.querySelector(qr);
          const payload = code && code.getAttribute(attribute);
          return payload ? 'qr:' + payload : 'other';
        }
        """;

    // The unread messages, newest first as listed, each with the time shown in its own list item
    // (the nearest ancestor holding a time element and no other unread message).
    private const string UnreadJs = """
        ([unread, time, list]) => JSON.stringify(Array.from(document.querySelectorAll(unread), (element) => {
          let shown = null;
          for (let node = element.parentElement; node && !node.matches(list); node = node.parentElement) {
            if (node.querySelectorAll(unread).length > 1) break;
            const stamp = node.querySelector(time);
            if (stamp) { shown = stamp.textContent.replace(/\s+/g, ' ').trim(); break; }
          }
          return { text: element.textContent.replace(/\s+/g, ' ').trim(), time: shown };
        }))
        """;

    // Whether the remember checkbox (an input, or an element holding one or carrying aria-checked) is ticked.
    private const string RememberJs = """
        (selector) => {
          const element = document.querySelector(selector);
          if (!element) return 'absent';
          const box = element.matches('input') ? element : element.querySelector('input[type=checkbox]');
          const ticked = box ? box.checked : element.getAttribute('aria-checked') === 'true';
          return ticked ? 'ticked' : 'unticked';
        }
        """;

    private string QrSelector => "." + settings.QrCodeClass.Trim().TrimStart('.');

    private string QrAttribute => "data-" + settings.QrCodeData.Trim();

    private string RememberSelector => "." + settings.AuthRememberClass.Trim().TrimStart('.');

    public IPage Page => page;

    public static bool IsQr(string state, out string payload)
    {
        payload = state.StartsWith(QrPrefix, StringComparison.Ordinal) ? state[QrPrefix.Length..] : "";
        return payload.Length > 0;
    }

    public async Task OpenAsync()
    {
        await page.GotoAsync(settings.MessagesUrl.ToString(), new PageGotoOptions
        {
            WaitUntil = WaitUntilState.DOMContentLoaded,
            Timeout = Milliseconds(settings.PageLoadTimeout),
        });
    }

    /// <summary><see cref="Paired"/>, "qr:" and the payload, or <see cref="Other"/>.</summary>
    public Task<string> ReadStateAsync() => page.EvaluateAsync<string>(StateJs, StateArgs);

    /// <summary>Waits until the state differs from <paramref name="previous"/> and returns it; TimeoutException after <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForStateOtherThanAsync(string previous, TimeSpan timeout)
    {
        var changed = await page.WaitForFunctionAsync(
            $"args => {{ const state = ({StateJs})(args); return state !== args[3] ? state : false; }}",
            new object[] { QrSelector, QrAttribute, settings.ConversationsSelector, previous },
            new PageWaitForFunctionOptions { PollingInterval = PollMs, Timeout = Milliseconds(timeout) });
        return await changed.JsonValueAsync<string>();
    }

    /// <summary>
    /// Ticks "remember this computer" when the page shows it unticked; true when it was ticked now.
    /// A box that cannot be clicked is left: pairing still works, only not beyond this browser's run.
    /// </summary>
    public async Task<bool> TickRememberAsync()
    {
        if (await page.EvaluateAsync<string>(RememberJs, RememberSelector) != "unticked")
        {
            return false;
        }

        try
        {
            await page.Locator(RememberSelector).First.ClickAsync(new LocatorClickOptions { Timeout = 5_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The unread messages as JSON (compared as is to notice a change), and read.</summary>
    public async Task<(string Json, IReadOnlyList<UnreadMessage> Messages)> ReadUnreadAsync()
    {
        var json = await page.EvaluateAsync<string>(UnreadJs, UnreadArgs);
        return (json, JsonSerializer.Deserialize<List<UnreadMessage>>(json, JsonSerializerOptions.Web) ?? []);
    }

    /// <summary>Waits until the unread messages (or the times shown beside them) differ from <paramref name="previousJson"/>.</summary>
    public async Task WaitForUnreadOtherThanAsync(string previousJson, TimeSpan timeout)
    {
        await page.WaitForFunctionAsync(
            $"args => ({UnreadJs})(args) !== args[3]",
            new object[] { settings.MessagesListClass, settings.TimestampSelector, settings.ConversationsSelector, previousJson },
            new PageWaitForFunctionOptions { PollingInterval = PollMs, Timeout = Milliseconds(timeout) });
    }

    /// <summary>Clicks the unread message and waits until it is no longer listed as unread; TimeoutException when it stays unread.</summary>
    public async Task ClickUntilReadAsync(UnreadMessage message, TimeSpan timeout)
    {
        var unread = page.Locator(settings.MessagesListClass).Filter(new LocatorFilterOptions { HasText = message.Text }).First;
        await unread.ClickAsync(new LocatorClickOptions { Timeout = Milliseconds(timeout) });
        await unread.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = Milliseconds(timeout) });
    }

    public Task<byte[]> ScreenshotAsync() => page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png });

    private object[] StateArgs => [QrSelector, QrAttribute, settings.ConversationsSelector];

    private object[] UnreadArgs => [settings.MessagesListClass, settings.TimestampSelector, settings.ConversationsSelector];

    private static float Milliseconds(TimeSpan timeout) => (float)Math.Max(1, timeout.TotalMilliseconds);
}
