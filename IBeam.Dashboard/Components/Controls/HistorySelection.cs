using IBeam.Engine.Data.Queries;
using IBeam.Engine.Login;

namespace IBeam.Dashboard.Components.Controls;

/// <summary>
/// What the operator chose to see on the History page: outcomes, a range of local days (both
/// included) and a handler. <see cref="ToFilter"/> turns the days into the instants the query takes.
/// </summary>
public sealed record HistorySelection
{
    public static HistorySelection Everything { get; } = new();

    public IReadOnlyCollection<LoginOutcome> Outcomes { get; init; } = [];

    public DateOnly? FromDay { get; init; }

    public DateOnly? ToDay { get; init; }

    public string? Handler { get; init; }

    public AttemptFilter ToFilter(TimeZoneInfo zone) => new()
    {
        Outcomes = Outcomes.Count == 0 ? null : Outcomes,
        From = FromDay is { } from ? LocalDays.Start(from, zone) : null,
        To = ToDay is { } to ? LocalDays.Start(to.AddDays(1), zone) : null,
        Handler = string.IsNullOrWhiteSpace(Handler) ? null : Handler,
    };
}

/// <summary>Local days as instants.</summary>
public static class LocalDays
{
    /// <summary>The first instant of <paramref name="day"/> in <paramref name="zone"/>; where a clock change skips midnight, the first time that exists.</summary>
    public static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15); // offsets change by whole quarter hours
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetLocalNow().DateTime);
}
