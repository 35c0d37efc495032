using IBeam.Engine.Configuration;
using IBeam.Engine.Logging;
using Microsoft.Extensions.Logging;

namespace IBeam.Engine.Gateway;

/// <summary>
/// Copies the operator's gateway files from the inputs folder into the gateway before it starts,
/// as IBeam does: conf.yaml over root/conf.yaml, and cacert.jks (the operator's TLS certificate)
/// into root/.
/// </summary>
internal static class GatewayInputs
{
    public static void Install(GatewayOptions options, ILogger logger)
    {
        if (options.Directory is not { } gatewayDirectory || !System.IO.Directory.Exists(options.InputsDirectory))
        {
            return;
        }

        var root = Path.Combine(gatewayDirectory, "root");
        System.IO.Directory.CreateDirectory(root);
        foreach (var file in new[] { "conf.yaml", "cacert.jks" })
        {
            var source = Path.Combine(options.InputsDirectory, file);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(root, file), overwrite: true);
                EngineLog.GatewayInputInstalled(logger, file, root);
            }
        }
    }
}
