using IBeam.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.TwoFactor;

/// <summary>Picks the handlers named by IBEAM_TWO_FA_HANDLER and IBEAM_TWO_FA_FALLBACK among the registered ones.</summary>
public sealed class TwoFactorHandlerSelector(IEnumerable<ITwoFactorHandler> handlers, IOptionsMonitor<IBeamOptions> options, EngineMode mode)
{
    /// <summary>The configured handler, or null when none is configured.</summary>
    public ITwoFactorHandler? Selected => options.CurrentValue.TwoFactor.Handler is { } name ? Find(handlers, name) : null;

    /// <summary>The fallback handler (IBEAM_TWO_FA_FALLBACK), or null; never the selected handler itself.</summary>
    public ITwoFactorHandler? Fallback =>
        options.CurrentValue.TwoFactor.EffectiveFallback(mode) is { } name && Find(handlers, name) is { } fallback && fallback != Selected ? fallback : null;

    public static ITwoFactorHandler? Find(IEnumerable<ITwoFactorHandler> handlers, string name) =>
        handlers.FirstOrDefault(h => string.Equals(h.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)
                                     || h.Aliases.Any(a => string.Equals(a, name.Trim(), StringComparison.OrdinalIgnoreCase)));
}
