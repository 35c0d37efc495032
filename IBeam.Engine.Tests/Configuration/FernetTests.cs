using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using IBeam.Engine.Configuration;

namespace IBeam.Engine.Tests.Configuration;

/// <summary>
/// IBEAM_KEY decrypts IBEAM_PASSWORD as Python's cryptography.fernet would. The vector is the
/// Fernet spec's own (fernet/spec, generate.json and verify.json), so a token made by IBeam's
/// users with Python decrypts here.
/// </summary>
public sealed class FernetTests
{
    private const string SpecKey = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    private const string SpecToken = "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";

    // The spec's "now" for that token: 1985-10-26T01:20:00-07:00.
    private static readonly DateTimeOffset SpecNow = new(1985, 10, 26, 1, 20, 0, TimeSpan.FromHours(-7));

    [Fact]
    public void The_spec_token_decrypts_to_hello()
    {
        Assert.Equal("hello", Encoding.UTF8.GetString(Fernet.Decrypt(SpecToken, SpecKey)));
    }

    [Fact]
    public void A_token_read_from_a_file_decrypts_despite_its_trailing_newline()
    {
        // IBEAM_SECRETS_SOURCE=fs hands over file contents; editors end files with a newline.
        Assert.Equal("hello", Encoding.UTF8.GetString(Fernet.Decrypt(SpecToken + "\n", SpecKey + "\r\n")));
    }

    [Fact]
    public void Encrypt_writes_the_same_header_as_the_spec()
    {
        // Version byte and big-endian seconds: only the IV (random here) and what follows may differ.
        var ours = Base64Url(Fernet.Encrypt("hello"u8.ToArray(), SpecKey, SpecNow));
        var spec = Base64Url(SpecToken);

        Assert.Equal(spec[..9], ours[..9]);
        Assert.Equal(0x80, ours[0]);
        Assert.Equal(SpecNow.ToUnixTimeSeconds(), BinaryPrimitives.ReadInt64BigEndian(ours.AsSpan(1, 8)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("exactly 16 bytes")]
    [InlineData("a password with spaces, ümlauts and € signs that spans several AES blocks")]
    public void Encrypt_then_decrypt_gives_the_plain_text_back(string plainText)
    {
        var key = Fernet.GenerateKey();

        var token = Fernet.Encrypt(Encoding.UTF8.GetBytes(plainText), key, DateTimeOffset.UtcNow);

        Assert.Equal(plainText, Encoding.UTF8.GetString(Fernet.Decrypt(token, key)));
    }

    [Fact]
    public void Two_encryptions_of_the_same_text_differ()
    {
        // A fresh IV each time: equal passwords must not give equal tokens.
        var key = Fernet.GenerateKey();
        var now = DateTimeOffset.UtcNow;

        Assert.NotEqual(Fernet.Encrypt("hello"u8.ToArray(), key, now), Fernet.Encrypt("hello"u8.ToArray(), key, now));
    }

    [Fact]
    public void A_generated_key_is_32_bytes_of_url_safe_base64()
    {
        var key = Fernet.GenerateKey();

        Assert.Equal(32, Base64Url(key).Length);
        Assert.DoesNotContain('+', key);
        Assert.DoesNotContain('/', key);
    }

    [Fact]
    public void The_wrong_key_throws()
    {
        Assert.Throws<CryptographicException>(() => Fernet.Decrypt(SpecToken, Fernet.GenerateKey()));
    }

    [Theory]
    [InlineData(0)] // version
    [InlineData(5)] // timestamp
    [InlineData(20)] // IV
    [InlineData(30)] // ciphertext
    [InlineData(-1)] // HMAC
    public void A_token_with_any_byte_changed_throws(int position)
    {
        var bytes = Base64Url(SpecToken);
        var index = position < 0 ? bytes.Length + position : position;
        bytes[index] ^= 0x01;

        Assert.Throws<CryptographicException>(() => Fernet.Decrypt(ToBase64Url(bytes), SpecKey));
    }

    [Fact]
    public void A_token_with_a_changed_character_throws()
    {
        // What a typo in IBEAM_PASSWORD does: one character of the text differs.
        var tampered = SpecToken[..40] + (SpecToken[40] == 'A' ? 'B' : 'A') + SpecToken[41..];

        Assert.Throws<CryptographicException>(() => Fernet.Decrypt(tampered, SpecKey));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("not base64 at all!!")]
    [InlineData("gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ")] // cut short
    public void Text_that_is_not_a_token_throws(string token)
    {
        Assert.Throws<CryptographicException>(() => Fernet.Decrypt(token, SpecKey));
    }

    [Theory]
    [InlineData("")]
    [InlineData("c2hvcnQ=")] // 5 bytes
    [InlineData("not base64!!")]
    public void A_key_that_is_not_32_bytes_of_base64_throws(string key)
    {
        Assert.Throws<CryptographicException>(() => Fernet.Decrypt(SpecToken, key));
    }

    [Fact]
    public void A_signed_token_whose_padding_is_wrong_throws_a_cryptographic_exception()
    {
        // Correctly signed, so only the decryption can notice: the credentials check catches
        // CryptographicException, and any other exception type would escape it.
        var key = Base64Url(SpecKey);
        using var aes = Aes.Create();
        aes.Key = key[16..];
        var iv = new byte[16];
        var cipherText = aes.EncryptCbc(new byte[16], iv, PaddingMode.None); // decrypts to a last byte of 0: not PKCS7

        Assert.Throws<CryptographicException>(() => Fernet.Decrypt(Sign(key, iv, cipherText), SpecKey));
    }

    [Fact]
    public void A_signed_token_whose_ciphertext_is_not_whole_blocks_throws_a_cryptographic_exception()
    {
        var key = Base64Url(SpecKey);

        Assert.Throws<CryptographicException>(() => Fernet.Decrypt(Sign(key, new byte[16], new byte[17]), SpecKey));
    }

    private static string Sign(byte[] key, byte[] iv, byte[] cipherText)
    {
        var data = new byte[1 + 8 + 16 + cipherText.Length + 32];
        data[0] = 0x80;
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(1, 8), SpecNow.ToUnixTimeSeconds());
        iv.CopyTo(data, 9);
        cipherText.CopyTo(data, 25);
        HMACSHA256.HashData(key.AsSpan(0, 16), data.AsSpan(0, data.Length - 32)).CopyTo(data, data.Length - 32);
        return ToBase64Url(data);
    }

    private static byte[] Base64Url(string text)
    {
        var normal = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(normal.PadRight(normal.Length + ((4 - (normal.Length % 4)) % 4), '='));
    }

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
}
