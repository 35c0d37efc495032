using System.Net;
using System.Net.Sockets;

namespace IBeam.Engine.Tests.Shared;

/// <summary>A loopback port nobody listens on right now, for a server a test starts and must know the address of beforehand.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
