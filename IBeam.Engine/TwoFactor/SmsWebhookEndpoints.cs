using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using IBeam.Engine.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.TwoFactor;

/// <summary>
/// The inbound SMS webhooks. Twilio's form post is checked against X-Twilio-Signature (HMAC-SHA1
/// of the public URL and the sorted form fields, keyed with the auth token); the generic JSON
/// webhook needs the shared secret as a bearer token. A message seen before (its id, or its sender
/// and text) is refused (replay).
/// Nothing about the message is logged beyond whether it held a code.
/// </summary>
public static class SmsWebhookEndpoints
{
    public const string TwilioRoute = "/webhooks/sms/twilio";
    public const string JsonRoute = "/webhooks/sms";

    public static IEndpointRouteBuilder MapSmsWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(TwilioRoute, ReceiveTwilioAsync).DisableAntiforgery();
        app.MapPost(JsonRoute, ReceiveJson);
        return app;
    }

    private static async Task<IResult> ReceiveTwilioAsync(HttpRequest request, IOptionsMonitor<IBeamOptions> options, SmsInbox inbox, SeenMessages seen, ILoggerFactory loggers)
    {
        var settings = options.CurrentValue.SmsWebhook;
        var logger = loggers.CreateLogger(typeof(SmsWebhookEndpoints));
        if (settings.TwilioAuthToken is null || settings.PublicUrl is null || !request.HasFormContentType)
        {
            SmsWebhookLog.Refused(logger, "Twilio", "the Twilio webhook is not configured, or the request is not a form");
            return Results.NotFound();
        }

        var form = await request.ReadFormAsync();
        var signature = request.Headers["X-Twilio-Signature"].ToString();
        if (!TwilioSignature.IsValid(settings.TwilioAuthToken, settings.PublicUrl.ToString(), form.ToDictionary(f => f.Key, f => f.Value.ToString()), signature))
        {
            SmsWebhookLog.Refused(logger, "Twilio", signature.Length == 0 ? "no signature" : "wrong signature");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!seen.FirstTime(form["MessageSid"].ToString(), form["From"].ToString(), form["Body"].ToString()))
        {
            SmsWebhookLog.Refused(logger, "Twilio", "a message already received (replay)");
            return Results.Conflict();
        }

        Deliver(inbox, logger, "Twilio", form["From"].ToString(), form["Body"].ToString());
        return Results.Content("<Response></Response>", "text/xml");
    }

    private static IResult ReceiveJson(HttpRequest request, JsonSms message, IOptionsMonitor<IBeamOptions> options, SmsInbox inbox, SeenMessages seen, ILoggerFactory loggers)
    {
        var settings = options.CurrentValue.SmsWebhook;
        var logger = loggers.CreateLogger(typeof(SmsWebhookEndpoints));
        if (settings.Secret is null)
        {
            SmsWebhookLog.Refused(logger, "JSON", "the JSON webhook is not configured (IBEAM_SMS_WEBHOOK_SECRET)");
            return Results.NotFound();
        }

        var authorization = request.Headers.Authorization.ToString();
        var given = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : "";
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(settings.Secret)))
        {
            SmsWebhookLog.Refused(logger, "JSON", given.Length == 0 ? "no secret" : "wrong secret");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (string.IsNullOrWhiteSpace(message.Body))
        {
            return Results.BadRequest(new { error = "body is missing" });
        }

        if (!seen.FirstTime(message.Id, message.From, message.Body))
        {
            SmsWebhookLog.Refused(logger, "JSON", "a message already received (replay)");
            return Results.Conflict();
        }

        Deliver(inbox, logger, "JSON", message.From, message.Body);
        return Results.NoContent();
    }

    private static void Deliver(SmsInbox inbox, ILogger logger, string route, string? from, string body)
    {
        inbox.Receive(from, body);
        SmsWebhookLog.Received(logger, route, SmsInbox.ExtractCode(body) is not null);
    }

    /// <summary>A generic webhook's message: its text, and optionally who sent it and an id (to refuse replays).</summary>
    public sealed record JsonSms(string? Body, string? From, string? Id);
}

/// <summary>Twilio's request signature (https://www.twilio.com/docs/usage/security#validating-requests).</summary>
public static class TwilioSignature
{
    public static string Compute(string authToken, string url, IReadOnlyDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    public static bool IsValid(string authToken, string url, IReadOnlyDictionary<string, string> form, string signature) =>
        signature.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Compute(authToken, url, form)), Encoding.UTF8.GetBytes(signature));
}

/// <summary>
/// Messages already received (the last 1000), to refuse a replayed webhook call. A replay is
/// received anew, so the rule that a message from before the 2FA step is ignored does not stop it:
/// a JSON call without an id, posted again during a later login, would have had its old code typed
/// (a rejected code, counted towards IBKR's lock-out). So a message is known by its id and also by
/// its sender and text: IBKR's text holds a fresh code, and the same text twice is a replay.
/// </summary>
public sealed class SeenMessages
{
    private const int Remember = 1000;
    private readonly ConcurrentDictionary<string, byte> _seen = new();
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>True the first time a message is seen: neither its id (when it has one) nor its sender and text were seen before.</summary>
    public bool FirstTime(string? id, string? from, string body)
    {
        var content = "text:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{from}\n{body}")));
        var newId = string.IsNullOrEmpty(id) || Add("id:" + id);
        return Add(content) && newId;
    }

    private bool Add(string key)
    {
        if (!_seen.TryAdd(key, 0))
        {
            return false;
        }

        _order.Enqueue(key);
        while (_order.Count > Remember && _order.TryDequeue(out var old))
        {
            _seen.TryRemove(old, out _);
        }

        return true;
    }
}

internal static partial class SmsWebhookLog
{
    [LoggerMessage(LogLevel.Information, "SMS received through the {Route} webhook (holds an IBKR code: {HasCode})")]
    public static partial void Received(ILogger logger, string route, bool hasCode);

    [LoggerMessage(LogLevel.Warning, "SMS webhook call ({Route}) refused: {Reason}")]
    public static partial void Refused(ILogger logger, string route, string reason);
}
