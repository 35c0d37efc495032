using IBeam.Engine.Configuration;
using IBeam.Engine.Logging;
using Microsoft.Extensions.Logging;

namespace IBeam.Engine.TwoFactor;

/// <summary>
/// Pairs Google Messages for web with the phone when the page asks for it: what the operator must
/// do goes to the live state as a <see cref="PairingView"/> (the QR code's payload, or a screenshot
/// when the page shows none to read) until the conversation list shows.
/// </summary>
internal static class GoogleMessagesPairing
{
    /// <summary>How often a pairing page without a QR code is photographed again, since it may change (a number to match, a prompt).</summary>
    private static readonly TimeSpan ScreenshotRefresh = TimeSpan.FromSeconds(5);

    private const string QrInstructions =
        "Pair Google Messages for web with the phone that receives IBKR's SMS: in Google Messages on the phone, open Device pairing, then QR code scanner, and scan this code.";

    private const string ScreenshotInstructions =
        "Google Messages for web asks to be paired in a way IBeam cannot read (pairing with your Google account). Do what the page shows; usually confirm the pairing in Google Messages on the phone.";

    /// <summary>Returns once the conversation list shows, after the operator paired the phone if the page asked for it.</summary>
    public static async Task EnsurePairedAsync(GoogleMessagesPage page, TwoFactorRequest request, GoogleMessagesOptions settings, TimeProvider time, ILogger logger)
    {
        string state;
        try
        {
            state = await page.WaitForStateOtherThanAsync(GoogleMessagesPage.Other, settings.PageLoadTimeout);
        }
        catch (TimeoutException)
        {
            // Neither a QR code nor the conversations: a pairing page IBeam cannot read, or Google changed its page.
            state = GoogleMessagesPage.Other;
        }

        if (state == GoogleMessagesPage.Paired)
        {
            return;
        }

        EngineLog.GoogleMessagesNotPaired(logger, GoogleMessagesPage.IsQr(state, out _) ? "QR code" : "no QR code to read; showing a screenshot", settings.PairingTimeout.TotalSeconds);
        var deadline = time.GetUtcNow() + settings.PairingTimeout;
        string? shownPayload = null;
        while (state != GoogleMessagesPage.Paired)
        {
            if (await page.TickRememberAsync())
            {
                EngineLog.GoogleMessagesRememberTicked(logger);
            }

            if (GoogleMessagesPage.IsQr(state, out var payload))
            {
                if (payload != shownPayload)
                {
                    request.ShowPairing(new PairingView(GoogleMessagesHandler.HandlerName, QrInstructions, payload, null));
                    shownPayload = payload;
                }
            }
            else
            {
                request.ShowPairing(new PairingView(GoogleMessagesHandler.HandlerName, ScreenshotInstructions, null, await page.ScreenshotAsync()));
                shownPayload = null;
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new GoogleMessagesException($"Google Messages for web was not paired within {settings.PairingTimeout.TotalSeconds:0.#} s (IBEAM_GOOG_PAIRING_TIMEOUT).");
            }

            try
            {
                state = await page.WaitForStateOtherThanAsync(state, state == GoogleMessagesPage.Other && left > ScreenshotRefresh ? ScreenshotRefresh : left);
            }
            catch (TimeoutException)
            {
                // Unchanged: photograph the page again, or report the deadline above.
            }
        }

        request.ShowPairing(null);
        EngineLog.GoogleMessagesPaired(logger);
    }
}
