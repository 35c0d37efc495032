namespace IBeam.Engine.Sandbox;

/// <summary>The requests the gateway port answered, with their times: how long a client waited on the gateway.</summary>
public sealed partial class SandboxState
{
    /// <summary>The log keeps the latest requests only: a sandbox left running for days must not grow.</summary>
    private const int RequestLogSize = 1_000;

    private readonly Queue<SandboxRequest> _requests = new();

    /// <summary>The latest requests of the gateway port (up to 1,000), oldest first.</summary>
    public IReadOnlyList<SandboxRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    internal DateTimeOffset Now => time.GetUtcNow();

    internal void LogRequest(SandboxRequest request)
    {
        lock (_gate)
        {
            if (_requests.Count == RequestLogSize)
            {
                _requests.Dequeue();
            }

            _requests.Enqueue(request);
        }
    }
}

/// <summary>A request to the gateway port: it reached the sandbox at <paramref name="ReceivedAt"/> and was answered at <paramref name="AnsweredAt"/>.</summary>
public sealed record SandboxRequest(string Method, string Path, DateTimeOffset ReceivedAt, DateTimeOffset AnsweredAt);
