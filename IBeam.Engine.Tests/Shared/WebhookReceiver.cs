using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IBeam.Engine.Tests.Shared;

/// <summary>
/// A real HTTP endpoint (Kestrel, loopback, a free port) standing in for a chat webhook: it keeps
/// every POST body it accepts, and can answer 503 to the first few requests.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<JsonElement> _accepted = Channel.CreateUnbounded<JsonElement>();
    private int _failuresLeft;
    private int _requests;

    private WebhookReceiver(WebApplication app, int failFirst)
    {
        _app = app;
        _failuresLeft = failFirst;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request that arrived, refused ones included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var receiver = new WebhookReceiver(builder.Build(), failFirst);
        receiver._app.MapPost("/hook/secret-path", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook/secret-path");
        return receiver;
    }

    /// <summary>The next accepted alert body, in the order they arrived.</summary>
    public async Task<JsonElement> NextAsync() => await _accepted.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>The accepted bodies that have arrived and were not read yet.</summary>
    public List<JsonElement> Unread()
    {
        var unread = new List<JsonElement>();
        while (_accepted.Reader.TryRead(out var body))
        {
            unread.Add(body);
        }

        return unread;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _requests);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        using var body = await JsonDocument.ParseAsync(request.Body);
        _accepted.Writer.TryWrite(body.RootElement.Clone());
        return Results.Ok();
    }
}
