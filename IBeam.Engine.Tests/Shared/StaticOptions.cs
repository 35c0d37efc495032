using IBeam.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Tests.Shared;

/// <summary>Options that never change, for a unit under test built by hand.</summary>
public sealed class StaticOptions(IBeamOptions value) : IOptionsMonitor<IBeamOptions>
{
    public IBeamOptions CurrentValue => value;

    public IBeamOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<IBeamOptions, string?> listener) => null;
}
