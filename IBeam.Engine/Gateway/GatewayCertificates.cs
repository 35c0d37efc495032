using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using IBeam.Engine.Configuration;

namespace IBeam.Engine.Gateway;

/// <summary>
/// How the gateway's certificate is checked. By default the gateway's self-signed certificate is
/// accepted, as IBeam does. When the inputs folder holds both cacert.pem and cacert.jks (the
/// operator's own certificate, which <see cref="GatewayInputs"/> installs into the gateway), the
/// chain and host name are verified against cacert.pem.
/// </summary>
public sealed class GatewayCertificates
{
    private readonly X509Certificate2Collection? _trusted;

    public GatewayCertificates(GatewayOptions options)
    {
        var pem = Path.Combine(options.InputsDirectory, "cacert.pem");
        var jks = Path.Combine(options.InputsDirectory, "cacert.jks");
        if (File.Exists(pem) && File.Exists(jks))
        {
            _trusted = [];
            _trusted.ImportFromPemFile(pem);
        }
    }

    /// <summary>True when answers are verified against the operator's cacert.pem.</summary>
    public bool Verifies => _trusted is not null;

    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (_trusted is null)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return certificate is X509Certificate2 leaf && chain.Build(leaf);
    }
}
