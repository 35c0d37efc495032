using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IBeam.Engine.Sandbox;

/// <summary>Self-signed certificates like the gateway's own (root/vertx.jks), made in memory.</summary>
public static class SandboxCertificate
{
    /// <summary>A self-signed server certificate for localhost and 127.0.0.1.</summary>
    public static X509Certificate2 CreateSelfSigned() => Issue("CN=localhost", issuer: null);

    /// <summary>A certificate authority and a server certificate it signed, for tests of IBeam's cacert.pem verification.</summary>
    public static (X509Certificate2 Authority, X509Certificate2 Server) CreateWithAuthority()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=IBeam Sandbox CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return (authority, Issue("CN=localhost", authority));
    }

    private static X509Certificate2 Issue(string subject, X509Certificate2? issuer)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddYears(1);
        if (issuer is not null && notAfter > issuer.NotAfter)
        {
            // The authority was made a moment earlier (RSA keys take a while); a certificate may not outlive its issuer.
            notAfter = issuer.NotAfter;
        }
        using var certificate = issuer is null
            ? request.CreateSelfSigned(notBefore, notAfter)
            : request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(16)).CopyWithPrivateKey(key);

        // Re-imported from PKCS#12 so that the private key is usable by TLS on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
