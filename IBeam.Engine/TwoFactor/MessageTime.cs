using System.Globalization;
using System.Text.RegularExpressions;

namespace IBeam.Engine.TwoFactor;

/// <summary>
/// Reads the time Google Messages shows beside a conversation ("Now", "5 min", "10:42 AM", "Mon",
/// "Mar 16") as the latest moment the message can have arrived. The text has a minute's
/// precision at best, so the latest moment is the end of the minute (or day) it names.
/// </summary>
public static partial class MessageTime
{
    private static readonly string[] Weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>
    /// The latest moment a message shown with <paramref name="text"/> can have arrived, or null when the
    /// text is not one of the forms above (another language, say): then nothing is known.
    /// </summary>
    /// <param name="zone">The browser's time zone, in which clock times are shown.</param>
    public static DateTimeOffset? LatestArrival(string? text, DateTimeOffset now, TimeZoneInfo zone)
    {
        // Chromium puts narrow no-break spaces before AM/PM.
        var words = Regex.Replace(text ?? "", @"[\s\u00a0\u202f]+", " ").Trim().TrimEnd('.').ToLowerInvariant();
        if (words.Length == 0)
        {
            return null;
        }

        if (words is "now" or "just now")
        {
            return now;
        }

        if (Ago().Match(words) is { Success: true } ago)
        {
            var amount = int.Parse(ago.Groups["n"].Value, CultureInfo.InvariantCulture);
            return now - (ago.Groups["unit"].Value.StartsWith('m') ? TimeSpan.FromMinutes(amount) : TimeSpan.FromHours(amount));
        }

        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = new DateTimeOffset(local.Date, local.Offset);
        if (Clock().Match(words) is { Success: true } clock)
        {
            var hour = int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minute = int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (clock.Groups["half"].Success)
            {
                hour = hour % 12 + (clock.Groups["half"].Value.StartsWith('p') ? 12 : 0);
            }

            if (hour > 23 || minute > 59)
            {
                return null;
            }

            var shown = midnight + new TimeSpan(hour, minute, 0);
            // A clock time later than now is yesterday's.
            return (shown > local ? shown.AddDays(-1) : shown) + TimeSpan.FromMinutes(1);
        }

        // A weekday or a date: Google shows these only for messages from before today.
        if (Weekdays.Any(d => words.StartsWith(d, StringComparison.Ordinal)) || Months.Any(m => words.Contains(m, StringComparison.Ordinal)) || NumericDate().IsMatch(words))
        {
            return midnight;
        }

        return null;
    }

    [GeneratedRegex(@"^(?<n>\d{1,4}) ?(?<unit>m|min|mins|minute|minutes|h|hr|hrs|hour|hours)( ago)?$")]
    private static partial Regex Ago();

    [GeneratedRegex(@"^(?<h>\d{1,2}):(?<m>\d{2}) ?(?<half>am|pm|a\.m|p\.m)?$")]
    private static partial Regex Clock();

    [GeneratedRegex(@"^\d{1,4}[/.-]\d{1,2}([/.-]\d{1,4})?$")]
    private static partial Regex NumericDate();
}
