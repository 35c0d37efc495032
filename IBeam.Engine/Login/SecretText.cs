namespace IBeam.Engine.Login;

/// <summary>Removes secrets from text that came from elsewhere (a browser's error message, say) before it is logged or stored.</summary>
public static class SecretText
{
    public static string Redact(string text, params string?[] secrets)
    {
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 3)
            {
                text = text.Replace(secret, "•••", StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>The first line of an exception message: Playwright appends a long call log after it.</summary>
    public static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
