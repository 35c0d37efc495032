using IBeam.Engine.Sandbox;

namespace IBeam.Engine.Tests.Shared;

/// <summary>The environment an IBeam user sets today, pointed at a sandbox: the gateway, the credentials, an EXTERNAL_REQUEST handler.</summary>
public static class OperatorEnvironment
{
    public static Dictionary<string, string?> For(SandboxGateway sandbox) => new()
    {
        ["IBEAM_GATEWAY_BASE_URL"] = sandbox.GatewayUrl.ToString().TrimEnd('/'),
        ["IBEAM_ACCOUNT"] = SandboxAccount.UserName,
        ["IBEAM_PASSWORD"] = SandboxAccount.Password,
        ["IBEAM_TWO_FA_HANDLER"] = "EXTERNAL_REQUEST",
        ["IBEAM_EXTERNAL_REQUEST_URL"] = sandbox.PhoneCodeUrl.ToString(),
    };
}
