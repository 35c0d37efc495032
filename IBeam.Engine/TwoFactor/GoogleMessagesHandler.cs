using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using IBeam.Engine.Configuration;
using IBeam.Engine.Data;
using IBeam.Engine.Logging;
using IBeam.Engine.Login;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace IBeam.Engine.TwoFactor;

/// <summary>
/// GOOGLE_MSG: reads IBKR's SMS in Google Messages for web (IBeam's handler of the same name, with
/// its IBEAM_GOOG_* variables), in Chromium with a profile kept beside the database so that the
/// pairing survives restarts. While the page asks to be paired it shows the operator the QR code's
/// payload, or a screenshot when there is none to read (account pairing); then it takes the newest
/// unread message with IBKR's text that is not older than the login's 2FA step, and marks it read.
/// </summary>
public sealed partial class GoogleMessagesHandler(
    IOptionsMonitor<IBeamOptions> options, TimeProvider time, IEnumerable<IBrowserRequestObserver> observers, ILogger<GoogleMessagesHandler> logger)
    : ITwoFactorHandler
{
    public const string HandlerName = "GOOGLE_MSG";
    public const string ProfileFolderName = "google-messages-profile";

    /// <summary>Time given to start Chromium and to mark the message read, on top of the three waits.</summary>
    private static readonly TimeSpan BrowserAllowance = TimeSpan.FromSeconds(30);

    /// <summary>How long one click is given to mark the message read (IBeam waits 2 s between its clicks).</summary>
    private static readonly TimeSpan ClickWait = TimeSpan.FromSeconds(2);

    // One Chromium at a time may hold the profile: a call the engine abandoned must have closed it before the next opens it.
    private readonly SemaphoreSlim _profile = new(1, 1);

    // Hashes of the messages whose codes were returned, so that one left unread is never used twice.
    private readonly HashSet<string> _used = [];

    private readonly IBrowserRequestObserver[] _observers = [.. observers];

    private GoogleMessagesOptions Settings => options.CurrentValue.GoogleMessages;

    public string Name => HandlerName;

    public TimeSpan Timeout => Settings.PageLoadTimeout + Settings.PairingTimeout + Settings.SmsTimeout + BrowserAllowance;

    /// <summary>The Chromium profile: beside the database, where IBeam keeps what must outlive it.</summary>
    public string ProfileDirectory => Path.Combine(Path.GetDirectoryName(DatabaseLocation.From(options.CurrentValue).DatabasePath)!, ProfileFolderName);

    public string Describe() =>
        $"{HandlerName}: Google Messages for web at {Settings.MessagesUrl.GetLeftPart(UriPartial.Path)}; profile {ProfileDirectory}; " +
        $"waits up to {Settings.SmsTimeout.TotalSeconds:0.#} s for IBKR's SMS, and up to {Settings.PairingTimeout.TotalSeconds:0.#} s first if pairing is needed";

    public async Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken)
    {
        await _profile.WaitAsync(cancellationToken);
        try
        {
            await using var session = await BrowserLauncher.LaunchPersistentAsync(BrowserLauncher.ExecutableFor(options.CurrentValue.Login), ProfileDirectory, _observers, logger, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var page = new GoogleMessagesPage(session.Page, Settings);
            try
            {
                await page.OpenAsync();
            }
            catch (PlaywrightException e) when (e.Message.Contains("net::ERR_", StringComparison.Ordinal))
            {
                throw new GoogleMessagesException($"Google Messages at {Settings.MessagesUrl} could not be opened (IBEAM_GOOG_MESSAGES_URL): {SecretText.FirstLine(e.Message)}");
            }
            catch (TimeoutException)
            {
                throw new GoogleMessagesException($"Google Messages at {Settings.MessagesUrl} did not load within {Settings.PageLoadTimeout.TotalSeconds:0.#} s (IBEAM_GOOG_PAGE_LOAD_TIMEOUT).");
            }

            await GoogleMessagesPairing.EnsurePairedAsync(page, request, Settings, time, logger);
            var message = await AwaitMessageAsync(page, request);
            await MarkReadAsync(page, message, cancellationToken);
            lock (_used)
            {
                _used.Add(Hash(message.Text));
            }

            return IbkrMessage.ExtractCode(message.Text, Settings.Heading);
        }
        catch (PlaywrightException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelling closed Chromium under a pending call.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (PlaywrightException e)
        {
            // Playwright's messages may quote a locator holding the message's text: no digits of a code reach the log.
            throw new GoogleMessagesException($"Google Messages for web failed: {Digits().Replace(SecretText.FirstLine(e.Message), "•")}");
        }
        finally
        {
            _profile.Release();
        }
    }

    /// <summary>The newest unread message with IBKR's text that may be this login's, as soon as the list shows one.</summary>
    private async Task<UnreadMessage> AwaitMessageAsync(GoogleMessagesPage page, TwoFactorRequest request)
    {
        var deadline = time.GetUtcNow() + Settings.SmsTimeout;
        var ignored = new HashSet<string>();
        while (true)
        {
            var (json, unread) = await page.ReadUnreadAsync();
            foreach (var message in unread.Where(m => m.Text.Contains(Settings.Heading.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                if (IsUsed(message) || IbkrMessage.ExtractCode(message.Text, Settings.Heading) is null)
                {
                    continue;
                }

                if (IbkrMessage.MayBeFor(message, request.RequestedAt, time.GetUtcNow(), TimeZoneInfo.Local))
                {
                    return message;
                }

                if (ignored.Add(Hash(message.Text)))
                {
                    EngineLog.GoogleMessagesStaleIgnored(logger, message.Time ?? "");
                }
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new GoogleMessagesException(
                    $"No unread message with \"{Settings.Heading}\" arrived in Google Messages within {Settings.SmsTimeout.TotalSeconds:0.#} s (IBEAM_GOOG_SMS_TIMEOUT).");
            }

            try
            {
                await page.WaitForUnreadOtherThanAsync(json, left);
            }
            catch (TimeoutException)
            {
                // Nothing new: the deadline is reported above.
            }
        }
    }

    /// <summary>Clicks the message until it is no longer unread, as IBeam does; a message that stays unread does not cost the code.</summary>
    private async Task MarkReadAsync(GoogleMessagesPage page, UnreadMessage message, CancellationToken cancellationToken)
    {
        var tries = Settings.MessageClickRetries;
        for (var attempt = 1; attempt <= tries; attempt++)
        {
            try
            {
                await page.ClickUntilReadAsync(message, ClickWait);
                return;
            }
            catch (Exception e) when (e is TimeoutException or PlaywrightException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                EngineLog.GoogleMessagesClickDidNotTake(logger, attempt, tries, Digits().Replace(SecretText.FirstLine(e.Message), "•"));
            }
        }

        EngineLog.GoogleMessagesNotMarkedRead(logger, tries);
    }

    private bool IsUsed(UnreadMessage message)
    {
        lock (_used)
        {
            return _used.Contains(Hash(message.Text));
        }
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex(@"\d{6,}")]
    private static partial Regex Digits();
}

/// <summary>Google Messages did not give a code, for a reason that names the setting to look at.</summary>
public sealed class GoogleMessagesException(string message) : Exception(message);
