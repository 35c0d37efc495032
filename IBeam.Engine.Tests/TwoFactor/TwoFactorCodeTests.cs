using IBeam.Engine.TwoFactor;

namespace IBeam.Engine.Tests.TwoFactor;

/// <summary>The rules a code must pass before it is typed into the gateway's page.</summary>
public sealed class TwoFactorCodeTests
{
    [Theory]
    [InlineData("289026", "289026")]
    [InlineData("  289026\n", "289026")]
    [InlineData("\t004512 ", "004512")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12a456", null)]
    [InlineData("12 456", null)]
    [InlineData("１２３４５６", null)] // full-width digits
    [InlineData("٢٨٩٠٢٦", null)] // Arabic-Indic digits
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void In_strict_mode_only_six_ASCII_digits_pass(string? raw, string? expected)
    {
        var passed = TwoFactorCode.TryNormalize(raw, strict: true, out var code, out var reason);

        Assert.Equal(expected is not null, passed);
        Assert.Equal(expected ?? "", code);
        Assert.Equal(expected is null, reason.Length > 0);
    }

    [Theory]
    [InlineData("12a456", "12a456")]
    [InlineData(" 1234567 ", "1234567")]
    [InlineData("", null)]
    public void In_lenient_mode_any_non_empty_code_passes(string raw, string? expected)
    {
        Assert.Equal(expected is not null, TwoFactorCode.TryNormalize(raw, strict: false, out var code, out _));
        Assert.Equal(expected ?? "", code);
    }

    [Fact]
    public void A_refused_code_is_not_repeated_in_the_reason()
    {
        TwoFactorCode.TryNormalize("98765x", strict: true, out _, out var reason);

        Assert.DoesNotContain("98765", reason);
        Assert.Contains("IBEAM_STRICT_TWO_FA_CODE", reason);
    }

    [Theory]
    [InlineData("289026", "••••26")]
    [InlineData("12", "••")]
    public void A_code_is_shown_with_all_but_its_last_two_characters_hidden(string code, string masked) =>
        Assert.Equal(masked, TwoFactorCode.Mask(code));
}
