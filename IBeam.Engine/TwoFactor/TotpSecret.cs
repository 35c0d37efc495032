using OtpNet;

namespace IBeam.Engine.TwoFactor;

/// <summary>Reads an authenticator secret as set-up pages show it: base32, perhaps in groups, in either case.</summary>
public static class TotpSecret
{
    /// <summary>RFC 4226 asks for 128 bits; 80 bits (16 characters) is the least any authenticator issues, so anything shorter is a truncated copy.</summary>
    public const int MinimumBytes = 10;

    /// <summary>The secret's bytes; false when <paramref name="text"/> is not base32 or too short. Never echoes the text.</summary>
    public static bool TryDecode(string? text, out byte[] key)
    {
        key = [];
        var normalized = new string((text ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).TrimEnd('=').ToUpperInvariant();
        if (normalized.Length == 0 || normalized.Any(c => c is not (>= 'A' and <= 'Z' or >= '2' and <= '7')))
        {
            return false;
        }

        key = Base32Encoding.ToBytes(normalized);
        return key.Length >= MinimumBytes;
    }
}
