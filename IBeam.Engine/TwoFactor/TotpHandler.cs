using IBeam.Engine.Configuration;
using IBeam.Engine.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OtpNet;

namespace IBeam.Engine.TwoFactor;

/// <summary>
/// TOTP (alias PYOTP): computes the "Mobile Authenticator App" code (RFC 6238: HMAC-SHA1, 6 digits,
/// 30-second period) from IBEAM_TOTP_SECRET, as IBeam's TOTP and PYOTP handlers do. A code about
/// to expire is not given: within IBEAM_TOTP_EXPIRY_BUFFER_SECONDS of the period's end the
/// handler waits for the next period, so the code is still valid when IBKR checks it.
/// </summary>
public sealed class TotpHandler(IOptionsMonitor<IBeamOptions> options, TimeProvider time, ILogger<TotpHandler> logger) : ITwoFactorHandler
{
    public const string HandlerName = "TOTP";
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private TotpOptions Settings => options.CurrentValue.Totp;

    public string Name => HandlerName;

    public IReadOnlyList<string> Aliases => ["PYOTP"];

    /// <summary>The longest wait is one buffer; the rest is computation.</summary>
    public TimeSpan Timeout => Period;

    public string Describe() =>
        $"{HandlerName}: RFC 6238 code from IBEAM_TOTP_SECRET (6 digits, 30 s period); waits for the next code when fewer than {Settings.ExpiryBuffer.TotalSeconds:0.#} s are left";

    public IEnumerable<string> Validate(IBeamOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Totp.Secret))
        {
            yield return "IBEAM_TOTP_SECRET (or IBeam's IBEAM_PYOTP_SECRET) must be set when IBEAM_TWO_FA_HANDLER is TOTP: the secret key shown when the Mobile Authenticator App was set up.";
        }
        else if (!TotpSecret.TryDecode(options.Totp.Secret, out _))
        {
            yield return $"IBEAM_TOTP_SECRET is not a TOTP secret: it must be base32 (letters A-Z and digits 2-7, spaces allowed) of at least {TotpSecret.MinimumBytes * 8 / 5} characters, as the authenticator set-up shows it.";
        }
    }

    public async Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken)
    {
        if (!TotpSecret.TryDecode(Settings.Secret, out var key))
        {
            throw new InvalidOperationException("IBEAM_TOTP_SECRET is not set or not a base32 TOTP secret.");
        }

        var totp = new Totp(key, (int)Period.TotalSeconds, OtpHashMode.Sha1, 6);
        var buffer = Settings.ExpiryBuffer;
        // A loop, not one wait: a timer may fire a moment before the period turns, and the next code must be the one typed.
        while (Left(time.GetUtcNow()) is var left && left < buffer)
        {
            EngineLog.TotpWaitingForNextPeriod(logger, Math.Round(left.TotalSeconds, 1), buffer.TotalSeconds);
            await Task.Delay(left, time, cancellationToken);
        }

        return totp.ComputeTotp(time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Time left in the period that holds <paramref name="now"/>.</summary>
    public static TimeSpan Left(DateTimeOffset now) => Period - TimeSpan.FromTicks((now - DateTimeOffset.UnixEpoch).Ticks % Period.Ticks);
}
