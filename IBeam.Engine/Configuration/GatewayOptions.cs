namespace IBeam.Engine.Configuration;

public sealed class GatewayOptions
{
    [Setting("IBEAM_GATEWAY_BASE_URL", "Base URL of the Client Portal Gateway.")]
    public Uri BaseUrl { get; set; } = new("https://localhost:5000");

    [Setting("IBEAM_GATEWAY_DIR", "Folder of the gateway (holding bin/run.sh). Unset: use the gateway that answers at the base URL and start nothing.")]
    public string? Directory { get; set; }

    [Setting("IBEAM_GATEWAY_STARTUP", "Seconds to wait for a started gateway to answer.", Min = 1)]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(20);

    [Setting("IBEAM_GATEWAY_PROCESS_MATCH", "Text in the gateway process's command line, used to find and stop it.")]
    public string ProcessMatch { get; set; } = "ibgroup.web.core.clientportal.gw.GatewayStart";

    [Setting("IBEAM_INPUTS_DIR", "Folder with the operator's inputs: conf.yaml, cacert.pem and cacert.jks.", RequiresRestart = true)]
    public string InputsDirectory { get; set; } = "/srv/inputs";

    [Setting("IBEAM_OUTPUTS_DIR", "Folder for logs, screenshots and the gateway's output.", RequiresRestart = true, Storable = false)]
    public string OutputsDirectory { get; set; } = "outputs";

    [Setting("IBEAM_REQUEST_RETRIES", "How many times a failed gateway request is retried.", Min = 0, Max = 100, RequiresRestart = true)]
    public int RequestRetries { get; set; } = 2;

    [Setting("IBEAM_REQUEST_TIMEOUT", "Seconds to wait for one gateway request.", Min = 0.1, RequiresRestart = true)]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    [Setting("IBEAM_ROUTE_AUTH", "Route of the login page.")]
    public string RouteAuth { get; set; } = "/sso/Login?forwardTo=22&RL=1&ip2loc=on";

    [Setting("IBEAM_ROUTE_TICKLE", "Route of the tickle call.")]
    public string RouteTickle { get; set; } = "/v1/api/tickle";

    [Setting("IBEAM_ROUTE_AUTH_STATUS", "Route of the authentication status call.")]
    public string RouteAuthStatus { get; set; } = "/v1/api/iserver/auth/status";

    [Setting("IBEAM_ROUTE_VALIDATE", "Route of the SSO validate call.")]
    public string RouteValidate { get; set; } = "/v1/portal/sso/validate";

    [Setting("IBEAM_ROUTE_REAUTHENTICATE", "Route of the reauthenticate call.")]
    public string RouteReauthenticate { get; set; } = "/v1/portal/iserver/reauthenticate?force=true";

    [Setting("IBEAM_ROUTE_INITIALISE", "Route that initialises the brokerage session.")]
    public string RouteInitialise { get; set; } = "/v1/api/iserver/auth/ssodh/init";

    [Setting("IBEAM_ROUTE_LOGOUT", "Route of the logout call.")]
    public string RouteLogout { get; set; } = "/v1/api/logout";
}
