using IBeam.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.TwoFactor;

/// <summary>MANUAL: an operator types the code (the dashboard's two-factor page, or the REST API).</summary>
public sealed class ManualHandler(ManualCodeInbox inbox, IOptionsMonitor<IBeamOptions> options) : ITwoFactorHandler
{
    public const string HandlerName = "MANUAL";

    public string Name => HandlerName;

    public TimeSpan Timeout => options.CurrentValue.ManualCode.Timeout;

    public string Describe() => $"{HandlerName}: waiting up to {Timeout.TotalSeconds:0} s for an operator to enter the code";

    public async Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken) =>
        await inbox.WaitAsync(cancellationToken);
}
