using System.Collections.Concurrent;
using IBeam.Engine.Login;
using IBeam.Engine.TwoFactor;

namespace IBeam.Engine.Tests.Shared;

/// <summary>Records the steps a login reports, in order, and the pairing views its handler shows.</summary>
public sealed class RecordingProgress : ILoginProgress
{
    private readonly ConcurrentQueue<(LoginStep Step, string? Detail)> _steps = new();
    private readonly ConcurrentQueue<PairingView?> _pairings = new();

    public IReadOnlyList<LoginStep> Steps => _steps.Select(s => s.Step).ToList();

    public IReadOnlyList<string?> Details => _steps.Select(s => s.Detail).ToList();

    /// <summary>Every pairing view shown, in order; null where one was taken away.</summary>
    public IReadOnlyList<PairingView?> Pairings => [.. _pairings];

    public string? AwaitedHandler { get; private set; }

    /// <summary>The wait was for a push approval on the phone (the dashboard's "approve the notification").</summary>
    public bool AwaitedPush { get; private set; }

    public TaskCompletionSource AwaitStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The first pairing view a handler showed.</summary>
    public TaskCompletionSource<PairingView> PairingShown { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    public void Pairing(PairingView? view)
    {
        _pairings.Enqueue(view);
        if (view is not null)
        {
            PairingShown.TrySetResult(view);
        }
    }
}
