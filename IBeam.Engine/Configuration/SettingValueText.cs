using System.Globalization;
using System.Text.Json;

namespace IBeam.Engine.Configuration;

/// <summary>Reads a setting's text into its typed value, and writes a typed value back as text.</summary>
internal static class SettingValueText
{
    private static readonly string[] TrueWords = ["true", "1", "yes", "y", "t", "on"];
    private static readonly string[] FalseWords = ["false", "0", "no", "n", "f", "off"];

    /// <summary>Parses <paramref name="text"/> as <paramref name="type"/>; on failure, says why (a phrase that follows the variable's name).</summary>
    public static bool TryParse(string text, Type type, SettingAttribute setting, out object? value, out string? problem)
    {
        value = null;
        problem = null;
        var trimmed = text.Trim();
        var target = Nullable.GetUnderlyingType(type) ?? type;

        if (target == typeof(string))
        {
            // Secrets keep inner spaces; only the line ending a file or a shell may add is dropped.
            value = setting.Secret ? text.TrimEnd('\r', '\n') : trimmed;
            return true;
        }

        if (target == typeof(bool))
        {
            var word = trimmed.ToLowerInvariant();
            if (TrueWords.Contains(word) || FalseWords.Contains(word))
            {
                value = TrueWords.Contains(word);
                return true;
            }

            problem = $"must be true or false, not '{trimmed}'";
            return false;
        }

        if (target == typeof(int))
        {
            if (!int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                problem = $"must be a whole number, not '{trimmed}'";
                return false;
            }

            value = number;
            return InRange(number, setting, out problem);
        }

        if (target == typeof(TimeSpan))
        {
            if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds))
            {
                problem = $"must be a number of seconds, not '{trimmed}'";
                return false;
            }

            value = TimeSpan.FromSeconds(seconds);
            return InRange(seconds, setting, out problem);
        }

        if (target == typeof(Uri))
        {
            if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                value = uri;
                return true;
            }

            problem = $"must be an absolute http or https URL, not '{trimmed}'";
            return false;
        }

        if (target.IsEnum)
        {
            if (Enum.GetNames(target).FirstOrDefault(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                value = Enum.Parse(target, name);
                return true;
            }

            var names = string.Join(", ", Enum.GetNames(target).Select(n => n.ToUpperInvariant()));
            problem = $"must be one of {names}, not '{trimmed}'";
            return false;
        }

        if (target == typeof(ElementSelector))
        {
            if (ElementSelector.TryParse(trimmed, setting.BareElementKind, out var selector, out var error))
            {
                value = selector;
                return true;
            }

            problem = error;
            return false;
        }

        if (target == typeof(IReadOnlyDictionary<string, string>))
        {
            return TryParseJsonObject(trimmed, setting, out value, out problem);
        }

        throw new NotSupportedException($"Setting type {type} has no parser.");
    }

    /// <summary>The text an operator would write for <paramref name="value"/>.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        TimeSpan t => t.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        Enum e => e.ToString().ToUpperInvariant(),
        IReadOnlyDictionary<string, string> d => JsonSerializer.Serialize(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool InRange(double number, SettingAttribute setting, out string? problem)
    {
        problem = null;
        if (number >= setting.Min && number <= setting.Max)
        {
            return true;
        }

        problem = setting.Max == double.MaxValue
            ? $"must be at least {setting.Min.ToString(CultureInfo.InvariantCulture)}, not {number.ToString(CultureInfo.InvariantCulture)}"
            : $"must be between {setting.Min.ToString(CultureInfo.InvariantCulture)} and {setting.Max.ToString(CultureInfo.InvariantCulture)}, not {number.ToString(CultureInfo.InvariantCulture)}";
        return false;
    }

    private static bool TryParseJsonObject(string text, SettingAttribute setting, out object? value, out string? problem)
    {
        value = null;
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "must be a JSON object such as {\"name\": \"value\"}";
                return false;
            }

            value = document.RootElement.EnumerateObject().ToDictionary(
                p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
            return true;
        }
        catch (JsonException e)
        {
            // The message of a secret setting never quotes its text.
            problem = setting.Secret
                ? "is not valid JSON"
                : $"is not valid JSON ({e.Message.Split(" Path:")[0].TrimEnd('.')})";
            return false;
        }
    }
}
