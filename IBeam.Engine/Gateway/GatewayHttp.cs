using System.Net;
using IBeam.Engine.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace IBeam.Engine.Gateway;

/// <summary>The one place that builds the gateway's HTTP client: certificate policy, retries and timeouts.</summary>
internal static class GatewayHttp
{
    public static IServiceCollection AddGatewayHttpClient(this IServiceCollection services)
    {
        services.AddSingleton(sp => new GatewayCertificates(sp.GetRequiredService<IOptions<IBeamOptions>>().Value.Gateway));
        services.AddHttpClient<GatewayClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var certificates = sp.GetRequiredService<GatewayCertificates>();
                return new SocketsHttpHandler
                {
                    // The gateway holds the session itself; cookies would only muddle which call did what.
                    UseCookies = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => certificates.Validate(certificate, errors) },
                };
            })
            .AddResilienceHandler("gateway", (pipeline, context) =>
            {
                var gateway = context.ServiceProvider.GetRequiredService<IOptions<IBeamOptions>>().Value.Gateway;
                if (gateway.RequestRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = gateway.RequestRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = TimeSpan.FromMilliseconds(200),
                    UseJitter = true,
                    // 401 and {"error":"no session"} are answers, not faults: only transport failures,
                    // timeouts and a restarting IBKR (5xx) are worth asking again.
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
                        { Result.StatusCode: HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } => true,
                        _ => false,
                    }),
                });
                }

                pipeline.AddTimeout(gateway.RequestTimeout);
            });
        return services;
    }
}
