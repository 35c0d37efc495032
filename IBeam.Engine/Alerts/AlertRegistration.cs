using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace IBeam.Engine.Alerts;

public static class AlertRegistration
{
    /// <summary>
    /// The alert webhook's client (retries with exponential back-off on transient faults, honouring
    /// Retry-After; a timeout per attempt) and the hosted service that sends the alerts.
    /// </summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertDeliveryOptions>();
        services.AddHttpClient(AlertSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers() // the client's own logging writes the URL, and a chat webhook's URL is its secret
            .AddResilienceHandler("alerts", (pipeline, context) =>
            {
                var delivery = context.ServiceProvider.GetRequiredService<IOptions<AlertDeliveryOptions>>().Value;
                if (delivery.Retries > 0)
                {
                    // The default ShouldHandle is the transient set: transport faults, timeouts, 408, 429, 5xx.
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = delivery.Retries,
                        BackoffType = DelayBackoffType.Exponential,
                        Delay = delivery.RetryDelay,
                        UseJitter = true,
                    });
                }

                pipeline.AddTimeout(delivery.AttemptTimeout);
            });
        services.AddSingleton<AlertSender>();
        services.AddHostedService<AlertService>();
        return services;
    }
}
