using IBeam.Engine.TwoFactor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Configuration;

/// <summary>
/// Checks the whole configuration at start and reports every problem at once, each naming its
/// variable (the shape of Aspire's ValidateDashboardOptions).
/// </summary>
/// <remarks>Handlers are resolved when validating, not injected: they depend on the options this validates.</remarks>
internal sealed class IBeamOptionsValidator(IServiceProvider services, EngineMode mode) : IValidateOptions<IBeamOptions>
{
    private static readonly string[] HttpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public ValidateOptionsResult Validate(string? name, IBeamOptions options)
    {
        var errors = new List<string>(options.ReadErrors);

        ValidateGateway(options.Gateway, errors);
        ValidateHandler(options, errors);
        ValidateBrowser(options.Login, errors);
        if (mode.RequiresCredentials && !errors.Any(e => e.StartsWith("IBEAM_SECRETS_SOURCE", StringComparison.Ordinal)))
        {
            ValidateCredentials(options, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateGateway(GatewayOptions gateway, List<string> errors)
    {
        if (gateway.Directory is { } directory && !File.Exists(Path.Combine(directory, "bin", "run.sh")))
        {
            errors.Add($"IBEAM_GATEWAY_DIR is '{directory}', but it holds no bin/run.sh; point it at the unzipped clientportal.gw folder, or unset it to use a gateway that is already running.");
        }

        foreach (var (variable, route) in new[]
                 {
                     ("IBEAM_ROUTE_AUTH", gateway.RouteAuth), ("IBEAM_ROUTE_TICKLE", gateway.RouteTickle),
                     ("IBEAM_ROUTE_AUTH_STATUS", gateway.RouteAuthStatus), ("IBEAM_ROUTE_VALIDATE", gateway.RouteValidate),
                     ("IBEAM_ROUTE_REAUTHENTICATE", gateway.RouteReauthenticate), ("IBEAM_ROUTE_INITIALISE", gateway.RouteInitialise),
                     ("IBEAM_ROUTE_LOGOUT", gateway.RouteLogout),
                 })
        {
            if (!route.StartsWith('/'))
            {
                errors.Add($"{variable} must start with '/', not '{route}'.");
            }
        }
    }

    private void ValidateHandler(IBeamOptions options, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(options.ExternalRequest.Method) && !HttpMethods.Contains(options.ExternalRequest.Method.Trim().ToUpperInvariant()))
        {
            errors.Add($"IBEAM_EXTERNAL_REQUEST_METHOD must be one of {string.Join(", ", HttpMethods)}, not '{options.ExternalRequest.Method}'.");
        }

        var handlers = services.GetServices<ITwoFactorHandler>().ToList();
        var valid = string.Join(", ", handlers.SelectMany(h => h.Aliases.Prepend(h.Name)).Order());
        foreach (var (variable, name) in new[] { ("IBEAM_TWO_FA_HANDLER", options.TwoFactor.Handler), ("IBEAM_TWO_FA_FALLBACK", options.TwoFactor.EffectiveFallback(mode)) })
        {
            if (name is null)
            {
                continue;
            }

            if (TwoFactorHandlerSelector.Find(handlers, name) is not { } handler)
            {
                errors.Add($"{variable} must be one of {valid}{(variable.EndsWith("FALLBACK", StringComparison.Ordinal) ? " or NONE" : "")}, not '{name}'.");
                continue;
            }

            errors.AddRange(handler.Validate(options).Where(e => !errors.Contains(e)));
        }
    }

    private static void ValidateBrowser(LoginOptions login, List<string> errors)
    {
        if (login.BrowserPath is { } path && !File.Exists(path))
        {
            errors.Add($"IBEAM_BROWSER_PATH is '{path}', which does not exist; install Chromium (Debian: apt-get install chromium) or point it at a Chromium executable.");
        }
    }

    private static void ValidateCredentials(IBeamOptions options, List<string> errors)
    {
        errors.AddRange(CredentialsProvider.Check(options.Secrets));
    }
}
