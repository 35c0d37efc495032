using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IBeam.Engine.Sandbox;

/// <summary>
/// The login page and the calls its script makes. The page is script-driven like IBKR's: steps
/// appear in place without navigation, and the success text arrives on a new page.
/// </summary>
internal static class SandboxLoginEndpoints
{
    /// <summary>Where the page's script posts the 2FA code the user typed.</summary>
    public const string CodeRoute = "/sso/Authenticator/code";

    public static void MapSandboxLogin(this IEndpointRouteBuilder app, SandboxState state)
    {
        app.MapGet("/", () => Results.Redirect("/sso/Login?forwardTo=22&RL=1&ip2loc=on"));
        app.MapGet("/sso/Login", () => Results.Content(LoginPage(state.Scenario), "text/html; charset=utf-8"));
        app.MapGet("/sso/login.js", () => Results.Content(Asset("login.js"), "text/javascript; charset=utf-8"));
        app.MapGet("/sso/Dispatcher", () => state.HasSession()
            ? Results.Content(Asset("dispatcher.html"), "text/html; charset=utf-8")
            : Results.Redirect("/sso/Login?forwardTo=22&RL=1&ip2loc=on"));

        app.MapPost("/sso/Authenticator", (CredentialsForm form) => state.SubmitCredentials(form.Username, form.Password, form.Paper));
        app.MapPost("/sso/Authenticator/device", (DeviceForm form) => state.ChooseDevice(form.Device));
        app.MapPost(CodeRoute, (CodeForm form) => state.SubmitCode(form.Code));
        app.MapPost("/sso/Authenticator/push", (CancellationToken cancellationToken) => state.AwaitPushAsync(cancellationToken));
        app.MapPost("/sso/Authenticator/resend", () => state.ResendPush());
        app.MapPost("/sso/Authenticator/promo", () => state.SkipPromotion());
    }

    private static string LoginPage(SandboxScenario scenario)
    {
        var (id, name, placeholder) = scenario.CodeInput switch
        {
            "bronze" => ("xyz-field-bronze-response", "bronze-response", "Security Code"),
            "gold" => ("xyz-field-gold-response", "gold-response", "Security Code"),
            "temp" => ("xyz-field-temp-response", "temp-response", "Security Code"),
            "app" => ("", "", "Mobile Authenticator App Code"),
            _ => ("xyz-field-silver-response", "silver-response", "Security Code"),
        };
        var codeInput = id.Length > 0
            ? $"<input type=\"text\" id=\"{id}\" name=\"{name}\" placeholder=\"{placeholder}\" maxlength=\"8\" autocomplete=\"one-time-code\" class=\"form-control xyz-code-input\">"
            : $"<input type=\"tel\" placeholder=\"{placeholder}\" maxlength=\"8\" autocomplete=\"one-time-code\" class=\"form-control xyz-code-input\">";
        return Asset(scenario.PageVersion == 1 ? "login-v1.html" : "login-v2.html").Replace("{{CODE_INPUT}}", codeInput);
    }

    internal static string Asset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"IBeam.Engine.Sandbox.Assets.{name}")
                           ?? throw new InvalidOperationException($"Sandbox asset {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record CredentialsForm(string? Username, string? Password, bool Paper);

    private sealed record DeviceForm(string? Device);

    private sealed record CodeForm(string? Code);
}
