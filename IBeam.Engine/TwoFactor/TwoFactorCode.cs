namespace IBeam.Engine.TwoFactor;

/// <summary>The rules a code must pass before it is typed into the gateway's page.</summary>
public static class TwoFactorCode
{
    /// <summary>
    /// Checks <paramref name="raw"/>. Strict: exactly six ASCII digits once surrounding whitespace
    /// is trimmed. Lenient: any non-empty text. On failure <paramref name="reason"/> says why
    /// without repeating the code.
    /// </summary>
    public static bool TryNormalize(string? raw, bool strict, out string code, out string reason)
    {
        code = (raw ?? "").Trim();
        reason = "";
        if (code.Length == 0)
        {
            reason = "the handler returned no code";
            return false;
        }

        if (!strict)
        {
            return true;
        }

        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            reason = $"the handler returned a code that is not 6 digits ({Describe(code)}); it was not typed. Set IBEAM_STRICT_TWO_FA_CODE=false to accept other codes";
            code = "";
            return false;
        }

        return true;
    }

    /// <summary>The code with all but its last two characters hidden, for logs and history.</summary>
    public static string Mask(string code) => code.Length <= 2 ? new string('•', code.Length) : new string('•', code.Length - 2) + code[^2..];

    private static string Describe(string code) =>
        code.All(char.IsAsciiDigit) ? $"{code.Length} digits" : $"{code.Length} characters, not all ASCII digits";
}
