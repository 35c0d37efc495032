using System.Collections.Concurrent;
using IBeam.Engine.Login;

namespace IBeam.Engine.Tests.Shared;

/// <summary>Records the steps a login reports, in order.</summary>
public sealed class RecordingProgress : ILoginProgress
{
    private readonly ConcurrentQueue<(LoginStep Step, string? Detail)> _steps = new();

    public IReadOnlyList<LoginStep> Steps => _steps.Select(s => s.Step).ToList();

    public IReadOnlyList<string?> Details => _steps.Select(s => s.Detail).ToList();

    public string? AwaitedHandler { get; private set; }

    /// <summary>The wait was for a push approval on the phone (the dashboard's "approve the notification").</summary>
    public bool AwaitedPush { get; private set; }

    public TaskCompletionSource AwaitStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Step(LoginStep step, string? detail = null) => _steps.Enqueue((step, detail));

    public void Awaiting(string handler, DateTimeOffset deadline, string? prompt, bool push)
    {
        AwaitedHandler = handler;
        AwaitedPush = push;
        AwaitStarted.TrySetResult();
    }

    public void AwaitEnded()
    {
    }
}
