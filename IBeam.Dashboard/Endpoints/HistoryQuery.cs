using System.Globalization;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.Login;
using Microsoft.AspNetCore.Mvc;

namespace IBeam.Dashboard.Endpoints;

/// <summary>
/// The history's filter as query parameters: <c>outcome</c> (repeated), <c>from</c> and <c>to</c>
/// (ISO 8601 instants, <c>to</c> excluded) and <c>handler</c>. The page writes its export link with
/// <see cref="ToQueryString"/>; the export endpoint binds the same names back.
/// </summary>
public sealed record HistoryQuery
{
    [FromQuery(Name = "outcome")]
    public LoginOutcome[]? Outcomes { get; init; }

    [FromQuery(Name = "from")]
    public DateTimeOffset? From { get; init; }

    [FromQuery(Name = "to")]
    public DateTimeOffset? To { get; init; }

    [FromQuery(Name = "handler")]
    public string? Handler { get; init; }

    public AttemptFilter ToFilter() => new() { Outcomes = Outcomes, From = From, To = To, Handler = Handler };

    /// <summary>"?outcome=PageTimeout&amp;from=2026-03-02T00%3A00%3A00.0000000Z", or "" when nothing is filtered.</summary>
    public static string ToQueryString(AttemptFilter filter)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        parameters.AddRange((filter.Outcomes ?? []).Select(o => KeyValuePair.Create("outcome", (string?)o.ToString())));
        Add(parameters, "from", Instant(filter.From));
        Add(parameters, "to", Instant(filter.To));
        Add(parameters, "handler", string.IsNullOrWhiteSpace(filter.Handler) ? null : filter.Handler.Trim());
        return QueryString.Create(parameters).ToUriComponent();
    }

    private static void Add(List<KeyValuePair<string, string?>> parameters, string name, string? value)
    {
        if (value is not null)
        {
            parameters.Add(KeyValuePair.Create(name, (string?)value));
        }
    }

    // UTC with a "Z": nothing in it that a query string could mistake for a space ("+").
    private static string? Instant(DateTimeOffset? instant) => instant?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
