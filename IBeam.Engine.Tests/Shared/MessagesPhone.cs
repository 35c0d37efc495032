using System.Net;
using IBeam.Engine.Sandbox;

namespace IBeam.Engine.Tests.Shared;

/// <summary>The sandbox's Google Messages for web and the phone that pairs with it, as a GOOGLE_MSG test uses them.</summary>
public static class MessagesPhone
{
    private static readonly HttpClient Http = new();

    /// <summary>The GOOGLE_MSG handler pointed at the sandbox's Messages page, with waits short enough for a test.</summary>
    public static (string Key, string? Value)[] Settings(SandboxGateway sandbox, params (string Key, string? Value)[] more) =>
    [
        ("IBEAM_TWO_FA_HANDLER", "GOOGLE_MSG"),
        ("IBEAM_GOOG_MESSAGES_URL", sandbox.MessagesUrl.ToString()),
        ("IBEAM_GOOG_PAGE_LOAD_TIMEOUT", "15"),
        ("IBEAM_GOOG_PAIRING_TIMEOUT", "60"),
        ("IBEAM_GOOG_SMS_TIMEOUT", "30"),
        .. more,
    ];

    /// <summary>The phone scans the QR code (or, with no payload, confirms an account pairing), through the control API.</summary>
    public static async Task ScanAsync(SandboxGateway sandbox, string? payload = null)
    {
        var route = "/sandbox/messages/scan" + (payload is null ? "" : "?payload=" + Uri.EscapeDataString(payload));
        using var response = await Http.PostAsync(new Uri(sandbox.ControlUrl, route), content: null);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
