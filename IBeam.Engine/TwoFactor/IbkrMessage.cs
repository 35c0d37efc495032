using System.Text.RegularExpressions;

namespace IBeam.Engine.TwoFactor;

/// <summary>Which unread message carries the code of this login, and the code in it.</summary>
public static class IbkrMessage
{
    /// <summary>
    /// How much earlier than the page's 2FA step a message may have arrived and still be this login's:
    /// IBKR sends the SMS as it accepts the credentials, a moment before the step shows, and the
    /// time beside a message has a minute's precision at best.
    /// </summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(1);

    /// <summary>The code that follows <paramref name="heading"/> in <paramref name="text"/> (its first run of digits), or null.</summary>
    public static string? ExtractCode(string text, string heading)
    {
        var match = Regex.Match(text, Regex.Escape(heading.Trim()) + @"\D*?(\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>
    /// False when the time shown beside the message says it arrived before the 2FA step (beyond
    /// <see cref="Tolerance"/>): an old code left unread. A time that cannot be read proves nothing.
    /// </summary>
    public static bool MayBeFor(UnreadMessage message, DateTimeOffset requestedAt, DateTimeOffset now, TimeZoneInfo zone) =>
        MessageTime.LatestArrival(message.Time, now, zone) is not { } latest || latest >= requestedAt - Tolerance;
}
