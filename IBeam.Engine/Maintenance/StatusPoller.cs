using IBeam.Engine.Gateway;
using IBeam.Engine.State;

namespace IBeam.Engine.Maintenance;

/// <summary>
/// Polls the gateway's status until a condition holds. The gateway announces nothing, so this
/// asks: quickly at first (a fresh login usually authenticates within a second), then about
/// once a second as IBeam does, up to a number of checks or a time limit.
/// </summary>
public sealed class StatusPoller(GatewayClient client, EngineState state, TimeProvider time)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    /// <summary>Checks the status up to <paramref name="maxChecks"/> times (and within <paramref name="within"/>, if given) until <paramref name="done"/>.</summary>
    public async Task<GatewayStatus> PollAsync(Func<GatewayStatus, bool> done, int maxChecks, TimeSpan? within, CancellationToken cancellationToken)
    {
        var deadline = within is { } w ? time.GetUtcNow() + w : DateTimeOffset.MaxValue;
        var delay = FirstDelay;
        GatewayStatus status;
        for (var check = 1; ; check++)
        {
            status = await ReadAsync(cancellationToken);
            if (done(status) || check >= maxChecks || time.GetUtcNow() + delay > deadline)
            {
                return status;
            }

            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    /// <summary>Reads the status once and publishes it.</summary>
    public async Task<GatewayStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var status = await client.GetStatusAsync(cancellationToken);
        state.Update(s => s with { Gateway = status });
        return status;
    }

    /// <summary>IBeam's condition_authenticated_true: stop when authenticated, or when there is nothing left to wait for.</summary>
    public static bool AuthenticatedOrHopeless(GatewayStatus status) => !status.Running || !status.Session || status.Authenticated;
}
