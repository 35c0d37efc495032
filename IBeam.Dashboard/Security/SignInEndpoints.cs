using System.Security.Claims;
using IBeam.Engine.Operators;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace IBeam.Dashboard.Security;

/// <summary>The sign-in, first-visit and sign-out form posts (the pages are SignIn.razor and Setup.razor).</summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth");
        auth.MapPost("/signin", SignInAsync).AllowAnonymous().RequireRateLimiting(DashboardSecurity.SignInRateLimit);
        auth.MapPost("/setup", SetUpAsync).AllowAnonymous().RequireRateLimiting(DashboardSecurity.SignInRateLimit);
        auth.MapPost("/signout", SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, [FromForm] string? password, [FromForm] string? returnUrl, OperatorPassword passwords, OperatorAudit audit)
    {
        var who = Visitor(context);
        if (!await passwords.IsSetAsync(context.RequestAborted))
        {
            return Results.Redirect("/setup");
        }

        if (!await passwords.VerifyAsync(password, context.RequestAborted))
        {
            await audit.RecordAsync(who, "SignIn", succeeded: false, "wrong password", context.RequestAborted);
            return Results.Redirect($"/signin?error=invalid{ReturnQuery(returnUrl)}");
        }

        await SignInOperatorAsync(context);
        await audit.RecordAsync(who with { Name = OperatorPassword.OperatorName }, "SignIn", succeeded: true, cancellationToken: context.RequestAborted);
        return Results.LocalRedirect(LocalOrHome(returnUrl));
    }

    private static async Task<IResult> SetUpAsync(HttpContext context, [FromForm] string? password, [FromForm] string? confirmation, OperatorPassword passwords, OperatorAudit audit)
    {
        var (set, problem) = await passwords.SetInitialAsync(password, confirmation, $"first visit from {context.Connection.RemoteIpAddress}", context.RequestAborted);
        if (!set)
        {
            return Results.Redirect($"/setup?error={Uri.EscapeDataString(problem ?? "")}");
        }

        await SignInOperatorAsync(context);
        await audit.RecordAsync(Visitor(context) with { Name = OperatorPassword.OperatorName }, "SetPassword", succeeded: true, "first visit", context.RequestAborted);
        return Results.LocalRedirect("/");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, OperatorAudit audit)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        await audit.RecordAsync(Visitor(context) with { Name = context.User.Identity?.Name ?? "unknown" }, "SignOut", succeeded: true, cancellationToken: context.RequestAborted);
        return Results.Redirect("/signin");
    }

    private static Task SignInOperatorAsync(HttpContext context)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, OperatorPassword.OperatorName) };
        if (context.Connection.RemoteIpAddress is { } address)
        {
            claims.Add(new Claim(OperatorClaims.Address, address.ToString()));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
    }

    private static OperatorIdentity Visitor(HttpContext context) =>
        new("visitor", OperatorOrigin.Dashboard, context.Connection.RemoteIpAddress?.ToString());

    /// <summary>Only a path of this site: a crafted link must not turn the sign-in into a redirect elsewhere.</summary>
    private static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] != '/' && url[1] != '\\' ? url : "/";

    private static string ReturnQuery(string? returnUrl) =>
        LocalOrHome(returnUrl) is "/" ? "" : $"&returnUrl={Uri.EscapeDataString(LocalOrHome(returnUrl))}";
}
