using IBeam.Engine.Configuration;
using IBeam.Engine.Hosting;
using IBeam.Engine.TwoFactor;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IBeam.Engine.Tests.TwoFactor;

/// <summary>The TOTP handler on a fake clock: RFC 6238's own test vectors, and the wait for a fresh period.</summary>
public sealed class TotpHandlerTests
{
    // RFC 6238 appendix B: the ASCII secret "12345678901234567890" (SHA-1), in base32; its codes are 8 digits, ours the last 6.
    private const string RfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Fact]
    public async Task The_code_is_RFC_6238s_for_the_current_period()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1234567890)); // a period starts here: 30 s left

        var code = await Handler(clock).GetCodeAsync(Request(clock), CancellationToken.None);

        Assert.Equal("005924", code); // RFC: 89005924
    }

    [Fact]
    public async Task A_code_expiring_within_the_buffer_is_replaced_by_the_next_periods()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1111111109)); // 1 s left, buffer 8 s

        var code = Handler(clock).GetCodeAsync(Request(clock), CancellationToken.None);
        Assert.False(code.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(code.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("050471", await code.WaitAsync(TimeSpan.FromSeconds(10))); // RFC: 14050471, the period from 1111111110
    }

    [Fact]
    public async Task A_code_with_more_than_the_buffer_left_is_given_at_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1111111109) - TimeSpan.FromSeconds(20)); // 21 s left

        var code = Handler(clock).GetCodeAsync(Request(clock), CancellationToken.None);

        Assert.True(code.IsCompleted);
        Assert.Equal("081804", await code); // RFC: 07081804, the period from 1111111080
    }

    [Fact]
    public async Task IBeams_PYOTP_names_select_the_handler_and_set_its_secret_and_buffer()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1111111109));

        var handler = Handler(clock, ("IBEAM_TWO_FA_HANDLER", "PYOTP"), ("IBEAM_PYOTP_SECRET", "gezd gnbv gy3t qojq gezd gnbv gy3t qojq"),
            ("IBEAM_PYOTP_EXPIRY_BUFFER_SECONDS", "0"));

        Assert.Equal("TOTP", handler.Name);
        Assert.Equal("081804", await handler.GetCodeAsync(Request(clock), CancellationToken.None)); // no buffer: the last second's code
    }

    [Theory]
    [InlineData("not-base32!")]
    [InlineData("GEZDGNBV1890")] // 1, 8, 9 and 0 are not base32
    [InlineData("GEZDGNBV")] // a truncated copy
    public void A_secret_that_is_not_base32_is_a_start_up_error_that_does_not_quote_it(string secret)
    {
        var error = Assert.Single(StartupErrors(("IBEAM_TOTP_SECRET", secret)));

        Assert.StartsWith("IBEAM_TOTP_SECRET", error);
        Assert.DoesNotContain(secret, error);
    }

    [Fact]
    public void A_missing_secret_is_a_start_up_error_naming_both_variables()
    {
        var error = Assert.Single(StartupErrors());

        Assert.Contains("IBEAM_TOTP_SECRET", error);
        Assert.Contains("IBEAM_PYOTP_SECRET", error);
    }

    [Fact]
    public void A_buffer_of_a_whole_period_is_refused()
    {
        var error = Assert.Single(StartupErrors(("IBEAM_TOTP_SECRET", RfcSecret), ("IBEAM_TOTP_EXPIRY_BUFFER_SECONDS", "30")));

        Assert.StartsWith("IBEAM_TOTP_EXPIRY_BUFFER_SECONDS", error);
    }

    private static TwoFactorRequest Request(TimeProvider clock) => new(clock.GetUtcNow(), null, "Mobile Authenticator App");

    /// <summary>The selected handler; without <paramref name="settings"/>, TOTP with the RFC's secret and the default buffer.</summary>
    private static ITwoFactorHandler Handler(TimeProvider clock, params (string Key, string? Value)[] settings)
    {
        var services = Engine(clock, settings.Length > 0 ? settings : [("IBEAM_TWO_FA_HANDLER", "TOTP"), ("IBEAM_TOTP_SECRET", RfcSecret)]);
        _ = services.GetRequiredService<IOptions<IBeamOptions>>().Value; // validated, as at start-up
        return services.GetRequiredService<TwoFactorHandlerSelector>().Selected!;
    }

    private static IReadOnlyList<string> StartupErrors(params (string Key, string? Value)[] settings)
    {
        using var services = Engine(TimeProvider.System, [("IBEAM_TWO_FA_HANDLER", "TOTP"), .. settings]);
        return [.. Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IBeamOptions>>().Value).Failures];
    }

    private static ServiceProvider Engine(TimeProvider clock, (string Key, string? Value)[] settings) =>
        new ServiceCollection()
            .AddSingleton(clock)
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build())
            .AddLogging()
            .AddIBeamEngine(new EngineMode(RequiresCredentials: false))
            .BuildServiceProvider();
}
