using IBeam.Dashboard.CommandLine;
using IBeam.Engine.Configuration;
using IBeam.Engine.Sandbox;

namespace IBeam.Dashboard.Hosting;

/// <summary>
/// Sandbox mode (--sandbox or IBEAM_SANDBOX=true): starts the sandbox gateway in-process and
/// points the engine at it with the sandbox's credentials and phone, so a complete login can be
/// watched without an IBKR account.
/// </summary>
internal static class SandboxMode
{
    public static bool IsRequested(IBeamCommand command, IConfiguration configuration) =>
        command.Sandbox || (bool.TryParse(configuration["IBEAM_SANDBOX"], out var on) && on);

    public static int Port(IConfiguration configuration) =>
        int.TryParse(configuration["IBEAM_SANDBOX_PORT"], out var port) ? port : 0;

    public static int ControlPort(IConfiguration configuration) =>
        int.TryParse(configuration["IBEAM_SANDBOX_CONTROL_PORT"], out var port) ? port : 0;

    /// <summary>Settings that point the engine at <paramref name="sandbox"/>; they override the environment.</summary>
    public static Dictionary<string, string?> Settings(SandboxGateway sandbox, IConfiguration configuration, bool webUi)
    {
        var settings = new Dictionary<string, string?>
        {
            ["IBEAM_GATEWAY_BASE_URL"] = sandbox.GatewayUrl.ToString().TrimEnd('/'),
            ["IBEAM_GATEWAY_DIR"] = "",
            ["IBEAM_ACCOUNT"] = SandboxAccount.UserName,
            ["IBEAM_PASSWORD"] = SandboxAccount.Password,
            ["IBEAM_KEY"] = "",
            ["IBEAM_SECRETS_SOURCE"] = "env",
        };

        // Unless the operator chose a handler to try: with the dashboard, the operator types the code
        // the sandbox's phone shows (MANUAL), which is the dashboard's tour; without it, the phone's
        // code URL answers EXTERNAL_REQUEST so that a command completes the login by itself.
        if (string.IsNullOrWhiteSpace(configuration["IBEAM_TWO_FA_HANDLER"]))
        {
            settings["IBEAM_TWO_FA_HANDLER"] = webUi ? "MANUAL" : "EXTERNAL_REQUEST";
            if (!webUi)
            {
                settings["IBEAM_EXTERNAL_REQUEST_URL"] = sandbox.PhoneCodeUrl.ToString();
            }
        }

        // TOTP computes codes from the sandbox's authenticator secret, unless the operator gave one.
        if (IsHandler(configuration, "TOTP", "PYOTP")
            && string.IsNullOrWhiteSpace(configuration["IBEAM_TOTP_SECRET"]) && string.IsNullOrWhiteSpace(configuration["IBEAM_PYOTP_SECRET"]))
        {
            settings["IBEAM_TOTP_SECRET"] = SandboxAccount.TotpSecret;
        }

        // GOOGLE_MSG reads the sandbox's simulated Messages for web, unless the operator named another page.
        if (IsHandler(configuration, "GOOGLE_MSG")
            && string.IsNullOrWhiteSpace(configuration["IBEAM_GOOG_MESSAGES_URL"]))
        {
            settings["IBEAM_GOOG_MESSAGES_URL"] = sandbox.MessagesUrl.ToString();
        }

        return settings;
    }

    /// <summary>
    /// The sandbox's 2FA step that fits the chosen handler: a TOTP handler meets the authenticator
    /// app's prompt and NOTIFICATION_RESEND an IB Key push, not an SMS code they could not answer
    /// (a wrong code would count as a failed login). Other handlers meet the SMS step.
    /// </summary>
    public static SandboxTwoFactor TwoFactorFor(IConfiguration configuration) =>
        IsHandler(configuration, "TOTP", "PYOTP") ? SandboxTwoFactor.Totp
        : IsHandler(configuration, "NOTIFICATION_RESEND") ? SandboxTwoFactor.Push
        : SandboxTwoFactor.Code;

    private static bool IsHandler(IConfiguration configuration, params string[] names) =>
        names.Contains(configuration["IBEAM_TWO_FA_HANDLER"]?.Trim(), StringComparer.OrdinalIgnoreCase);
}
