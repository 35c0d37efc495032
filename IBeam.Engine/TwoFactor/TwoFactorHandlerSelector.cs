using IBeam.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.TwoFactor;

/// <summary>Picks the handler named by IBEAM_TWO_FA_HANDLER among the registered ones.</summary>
public sealed class TwoFactorHandlerSelector(IEnumerable<ITwoFactorHandler> handlers, IOptionsMonitor<IBeamOptions> options)
{
    /// <summary>The configured handler, or null when none is configured.</summary>
    public ITwoFactorHandler? Selected => options.CurrentValue.TwoFactor.Handler is { } name ? Find(handlers, name) : null;

    public static ITwoFactorHandler? Find(IEnumerable<ITwoFactorHandler> handlers, string name) =>
        handlers.FirstOrDefault(h => string.Equals(h.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
