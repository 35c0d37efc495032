namespace IBeam.Engine.Configuration;

/// <summary>
/// The login page's elements, in IBeam's <c>KIND@@value</c> form. Unset values are detected on
/// the page: both generations of username field and error text, and every known 2FA code input,
/// so a renamed input does not break logins.
/// </summary>
public sealed class PageElementOptions
{
    [Setting("IBEAM_USER_NAME_EL", "Username input. Unset: detected (name=username, or name=user_name on the older page).", BareElementKind = "NAME")]
    public ElementSelector? UserName { get; set; }

    [Setting("IBEAM_PASSWORD_EL", "Password input.", BareElementKind = "NAME")]
    public ElementSelector Password { get; set; } = new("NAME", "password");

    [Setting("IBEAM_SUBMIT_EL", "Login button.")]
    public ElementSelector Submit { get; set; } = new("CSS_SELECTOR", ".btn.btn-lg.xyz-button-login, .btn.btn-lg.btn-primary");

    [Setting("IBEAM_ERROR_EL", "Error message. Unset: detected (.xyz-errormessage, or .alert.alert-danger.margin-top-10 on the older page).", BareElementKind = "CLASS_NAME")]
    public ElementSelector? Error { get; set; }

    [Setting("IBEAM_SUCCESS_EL_TEXT", "Text the page shows once the login succeeded.", BareElementKind = "TAG_NAME")]
    public ElementSelector SuccessText { get; set; } = new("TAG_NAME", "Client login succeeds");

    [Setting("IBEAM_TWO_FA_EL_ID", "Container that appears when a second factor is required.", BareElementKind = "ID")]
    public ElementSelector TwoFactorContainer { get; set; } = new("ID", "twofactbase");

    [Setting("IBEAM_TWO_FA_INPUT_EL_ID", "2FA code input. Unset: any known code input (bronze, silver, gold, temp, or by placeholder).", BareElementKind = "ID")]
    public ElementSelector? TwoFactorInput { get; set; }

    [Setting("IBEAM_TWO_FA_SELECT_EL_ID", "2FA device choice.", BareElementKind = "ID")]
    public ElementSelector TwoFactorSelect { get; set; } = new("CLASS_NAME", "xyz-multipleselect");

    [Setting("IBEAM_TWO_FA_NOTIFICATION_EL", "Step shown while a push notification awaits approval.", BareElementKind = "CLASS_NAME")]
    public ElementSelector TwoFactorNotification { get; set; } = new("CLASS_NAME", "login-step-notification");

    [Setting("IBEAM_IBKEY_PROMO_EL_CLASS", "IB Key promotion's skip button.", BareElementKind = "CLASS_NAME")]
    public ElementSelector IbKeyPromo { get; set; } = new("CLASS_NAME", "ibkey-promo-skip");

    [Setting("IBEAM_LIVE_PAPER_TOGGLE_EL", "Live/paper switch.", BareElementKind = "FOR")]
    public ElementSelector LivePaperToggle { get; set; } = new("FOR", "toggle1");
}
