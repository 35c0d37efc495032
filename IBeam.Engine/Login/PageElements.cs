using IBeam.Engine.Configuration;

namespace IBeam.Engine.Login;

/// <summary>
/// The login page's element map as CSS selectors: the operator's overrides where set, otherwise
/// every known variant (both page generations, every 2FA input id seen so far), so that one
/// renamed element does not stop logins.
/// </summary>
public sealed class PageElements(PageElementOptions options)
{
    private const string V2UserName = "input[name=\"username\"]";
    private const string V1UserName = "input[name=\"user_name\"]";

    /// <summary>Known 2FA code inputs: IBKR has renamed this input more than once.</summary>
    private const string KnownCodeInputs =
        "#xyz-field-bronze-response, #xyz-field-silver-response, #xyz-field-gold-response, #xyz-field-temp-response, " +
        "input[name$=\"-response\"], input[placeholder=\"Security Code\"], input[placeholder*=\"Authenticator App Code\"], " +
        "#twofactbase input[type=\"tel\"], #twofactbase input[type=\"number\"], #twofactbase input[type=\"text\"]";

    public string UserName => options.UserName?.Css ?? $"{V2UserName}, {V1UserName}";

    public string V1UserNameCss => V1UserName;

    public string Password => options.Password.Css;

    public string Submit => options.Submit.Css;

    public string Error => options.Error?.Css ?? ".xyz-errormessage, .alert.alert-danger.margin-top-10";

    public string SuccessText => options.SuccessText.Value;

    public bool SuccessIsText => options.SuccessText.IsText;

    public string TwoFactorContainer => options.TwoFactorContainer.Css;

    public string CodeInput => options.TwoFactorInput?.Css ?? KnownCodeInputs;

    public string DeviceSelect => options.TwoFactorSelect.Css;

    public string Notification => options.TwoFactorNotification.Css;

    public string Promotion => options.IbKeyPromo.Css;

    /// <summary>What is clicked to switch between live and paper.</summary>
    public string PaperToggle => options.LivePaperToggle.Css;

    /// <summary>The checkbox behind the toggle, when the toggle is a label for one (FOR@@id).</summary>
    public string? PaperCheckbox => options.LivePaperToggle.Kind == "FOR" ? $"[id=\"{options.LivePaperToggle.Value}\"]" : null;

    public override string ToString() =>
        $"username '{UserName}', password '{Password}', submit '{Submit}', error '{Error}', 2FA '{TwoFactorContainer}', " +
        $"code input '{CodeInput}', device choice '{DeviceSelect}', notification '{Notification}', promotion '{Promotion}'";
}
