namespace IBeam.Engine.Configuration;

public sealed class CustomHandlerOptions
{
    // IBeam's MODULE_NAME.CLASS_NAME: here MODULE_NAME.dll in the inputs folder and a class in it.
    [Setting("IBEAM_CUSTOM_TWO_FA_HANDLER", "CUSTOM_HANDLER: MODULE_NAME.CLASS_NAME, an assembly MODULE_NAME.dll in IBEAM_INPUTS_DIR and a class in it implementing ICustomTwoFactorHandler.")]
    public string Handler { get; set; } = "custom_two_fa_handler.CustomTwoFaHandler";

    // IBeam has no such setting: its custom handler may block for ever (gateway.md, known weaknesses).
    [Setting("IBEAM_CUSTOM_TWO_FA_TIMEOUT", "CUSTOM_HANDLER: seconds the custom handler may take to give a code.", Min = 0.1)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(300);
}

public sealed class TotpOptions
{
    // IBeam has two TOTP handlers: TOTP reads IBEAM_TOTP_SECRET, PYOTP reads IBEAM_PYOTP_SECRET; either name sets the secret here.
    [Setting("IBEAM_TOTP_SECRET", "TOTP: the authenticator app's secret key (base32, as shown when the Mobile Authenticator App was set up).", Aliases = ["IBEAM_PYOTP_SECRET"], Secret = true)]
    public string? Secret { get; set; }

    // A code typed in its last seconds may expire before IBKR checks it; the period is 30 s, so a buffer must leave part of it.
    [Setting("IBEAM_TOTP_EXPIRY_BUFFER_SECONDS", "TOTP: when the current code expires within this many seconds, wait for the next one.", Aliases = ["IBEAM_PYOTP_EXPIRY_BUFFER_SECONDS"], Min = 0, Max = 25)]
    public TimeSpan ExpiryBuffer { get; set; } = TimeSpan.FromSeconds(8);
}

public sealed class NotificationResendOptions
{
    [Setting("IBEAM_NOTIFICATION_RESEND_RETRIES", "NOTIFICATION_RESEND: how many times the IB Key notification is sent again while the phone has not approved it.", Min = 0, Max = 1000)]
    public int Retries { get; set; } = 10;

    [Setting("IBEAM_NOTIFICATION_RESEND_INTERVAL", "NOTIFICATION_RESEND: seconds to wait for the approval before sending the notification again.", Min = 0.1)]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
}
