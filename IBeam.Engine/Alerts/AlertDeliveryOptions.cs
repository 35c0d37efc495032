namespace IBeam.Engine.Alerts;

/// <summary>How hard an alert is pushed through (not an IBEAM_ setting: the defaults suit chat webhooks; tests shorten them).</summary>
public sealed class AlertDeliveryOptions
{
    /// <summary>Attempts after the first, for transport faults, timeouts, 408, 429 and 5xx.</summary>
    public int Retries { get; set; } = 4;

    /// <summary>The first retry's delay; later ones double it (with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
