using IBeam.Engine.Configuration;
using IBeam.Engine.Data;
using IBeam.Engine.State;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IBeam.Dashboard.Components.Pages;

/// <summary>What the 2FA step needs now (a code, a pairing, an approval) or, when idle, how codes are obtained.</summary>
public sealed partial class TwoFactor : LivePage
{
    /// <summary>The newest code recorded in the history, for the time before this run produced one.</summary>
    private ProducedCode? _stored;

    [Inject]
    public required IOptionsMonitor<IBeamOptions> Options { get; init; }

    [Inject]
    public required EngineMode Mode { get; init; }

    [Inject]
    public required IDbContextFactory<IBeamDbContext> Contexts { get; init; }

    private string ConfiguredHandler => Options.CurrentValue.TwoFactor.Handler is { Length: > 0 } handler ? handler : "none (a login that reaches a code prompt stops)";

    private string? ConfiguredFallback => Options.CurrentValue.TwoFactor.EffectiveFallback(Mode);

    private string LastCodeText => (Snapshot.LastCode ?? _stored) is { } last
        ? $"{last.At.ToLocalTime():yyyy-MM-dd HH:mm:ss} from {last.Source}"
        : "none recorded";

    protected override async Task OnInitializedAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var newest = await db.Attempts.AsNoTracking()
            .Where(a => a.CodeSource != null)
            .OrderByDescending(a => a.StartedAt)
            .Select(a => new { a.CodeSource, a.StartedAt })
            .FirstOrDefaultAsync();
        _stored = newest is null ? null : new ProducedCode(newest.CodeSource!, new DateTimeOffset(DateTime.SpecifyKind(newest.StartedAt, DateTimeKind.Utc)));
    }
}
