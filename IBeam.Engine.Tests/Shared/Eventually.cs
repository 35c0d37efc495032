namespace IBeam.Engine.Tests.Shared;

/// <summary>Waits for a condition another thread brings about, instead of sleeping a guessed time.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        using var cancel = new CancellationTokenSource(limit);
        while (!condition())
        {
            if (cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"Not within {limit.TotalSeconds} s: {what}");
            }

            await Task.Delay(10, CancellationToken.None);
        }
    }
}
