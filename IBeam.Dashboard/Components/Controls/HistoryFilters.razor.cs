using IBeam.Engine.Data;
using IBeam.Engine.Login;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace IBeam.Dashboard.Components.Controls;

/// <summary>Edits a <see cref="HistorySelection"/>; every change is reported at once through <see cref="ValueChanged"/>.</summary>
public sealed partial class HistoryFilters : ComponentBase
{
    private List<string> _handlers = [];

    [Inject]
    public required IDbContextFactory<IBeamDbContext> Contexts { get; init; }

    [Parameter, EditorRequired]
    public required HistorySelection Value { get; set; }

    [Parameter]
    public EventCallback<HistorySelection> ValueChanged { get; set; }

    protected override async Task OnInitializedAsync()
    {
        // The handlers the history holds, not only those configured now: old attempts stay findable.
        // A scan of the (Handler, StartedAt) index alone.
        await using var context = await Contexts.CreateDbContextAsync();
        _handlers = await context.Attempts.AsNoTracking()
            .Where(a => a.Handler != null).Select(a => a.Handler!).Distinct().OrderBy(h => h).ToListAsync();
    }

    private static DateTime? AsDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? AsDay(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    private Task OutcomesChangedAsync(IEnumerable<LoginOutcome>? outcomes) => ChangeAsync(Value with { Outcomes = [.. outcomes ?? []] });

    private Task FromChangedAsync(DateTime? from) => ChangeAsync(Value with { FromDay = AsDay(from) });

    private Task ToChangedAsync(DateTime? to) => ChangeAsync(Value with { ToDay = AsDay(to) });

    private Task HandlerChangedAsync(string? handler) => ChangeAsync(Value with { Handler = handler });

    private async Task ChangeAsync(HistorySelection next)
    {
        Value = next;
        await ValueChanged.InvokeAsync(next);
    }
}
