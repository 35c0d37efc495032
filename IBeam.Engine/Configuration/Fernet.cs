using System.Buffers.Binary;
using System.Security.Cryptography;

namespace IBeam.Engine.Configuration;

/// <summary>
/// Decrypts Fernet tokens, the format of IBeam's <c>IBEAM_KEY</c> + encrypted <c>IBEAM_PASSWORD</c>
/// (Python's cryptography.fernet). Written by hand because no NuGet package served here does it;
/// it follows the published spec: version 0x80, timestamp, IV, AES-128-CBC ciphertext, HMAC-SHA256.
/// </summary>
public static class Fernet
{
    private const byte Version = 0x80;
    private const int HeaderLength = 1 + 8 + 16;
    private const int MacLength = 32;

    /// <summary>Decrypts <paramref name="token"/> with <paramref name="key"/>; throws <see cref="CryptographicException"/> when either is wrong.</summary>
    public static byte[] Decrypt(string token, string key)
    {
        var keyBytes = DecodeBase64Url(key.Trim());
        if (keyBytes is not { Length: 32 })
        {
            throw new CryptographicException("The Fernet key must be 32 bytes in URL-safe base64.");
        }

        var data = DecodeBase64Url(token.Trim());
        if (data is null || data.Length < HeaderLength + 16 + MacLength || data[0] != Version)
        {
            throw new CryptographicException("The value is not a Fernet token.");
        }

        var signed = data.AsSpan(0, data.Length - MacLength);
        var expectedMac = HMACSHA256.HashData(keyBytes.AsSpan(0, 16), signed);
        if (!CryptographicOperations.FixedTimeEquals(expectedMac, data.AsSpan(data.Length - MacLength)))
        {
            throw new CryptographicException("The Fernet key does not match the token.");
        }

        using var aes = Aes.Create();
        aes.Key = keyBytes[16..];
        var iv = data.AsSpan(9, 16);
        var cipherText = data.AsSpan(HeaderLength, data.Length - HeaderLength - MacLength);
        return aes.DecryptCbc(cipherText, iv, PaddingMode.PKCS7);
    }

    /// <summary>Encrypts <paramref name="plainText"/> (used by tests and by operators preparing IBEAM_PASSWORD).</summary>
    public static string Encrypt(byte[] plainText, string key, DateTimeOffset now)
    {
        var keyBytes = DecodeBase64Url(key) ?? throw new CryptographicException("Bad key.");
        using var aes = Aes.Create();
        aes.Key = keyBytes[16..];
        var iv = RandomNumberGenerator.GetBytes(16);
        var cipherText = aes.EncryptCbc(plainText, iv, PaddingMode.PKCS7);

        var data = new byte[HeaderLength + cipherText.Length + MacLength];
        data[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(1, 8), now.ToUnixTimeSeconds());
        iv.CopyTo(data, 9);
        cipherText.CopyTo(data, HeaderLength);
        HMACSHA256.HashData(keyBytes.AsSpan(0, 16), data.AsSpan(0, data.Length - MacLength)).CopyTo(data, data.Length - MacLength);
        return Convert.ToBase64String(data).Replace('+', '-').Replace('/', '_');
    }

    public static string GenerateKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_');

    private static byte[]? DecodeBase64Url(string text)
    {
        var normal = text.Replace('-', '+').Replace('_', '/');
        normal = normal.PadRight(normal.Length + ((4 - (normal.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(normal);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
