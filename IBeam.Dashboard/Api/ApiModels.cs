using IBeam.Engine.Data.Queries;
using IBeam.Engine.Login;
using IBeam.Engine.State;

namespace IBeam.Dashboard.Api;

/// <summary>What the REST API says about the engine: the live snapshot without anything secret (no pairing payload).</summary>
public sealed record StatusResponse(
    string Phase,
    bool Active,
    GatewayFlags Gateway,
    AttemptNow? Attempt,
    TwoFactorNow? TwoFactor,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? NextMaintenanceAt,
    int FailedSubmissions,
    int MaxFailedSubmissions,
    string? StopReason,
    string? LastError,
    long Version)
{
    public static StatusResponse From(EngineSnapshot s) => new(
        s.Phase.ToString(),
        s.Active,
        new GatewayFlags(s.Gateway.Label, s.Gateway.Running, s.Gateway.Session, s.Gateway.Connected, s.Gateway.Authenticated, s.Gateway.Competing, s.Gateway.SessionId, s.Gateway.ServerName),
        s.Attempt is { } a ? new AttemptNow(a.Id, a.Trigger.ToString(), a.StartedAt, a.Step.ToString(), a.StepAt) : null,
        s.TwoFactor is { } w ? new TwoFactorNow(w.Handler, w.Deadline, w.Prompt, w.Push, w.Pairing is not null) : null,
        s.LastSuccessAt,
        s.NextMaintenanceAt,
        s.FailedSubmissions,
        s.MaxFailedSubmissions,
        s.StopReason,
        s.LastError,
        s.Version);
}

public sealed record GatewayFlags(string Label, bool Running, bool Session, bool Connected, bool Authenticated, bool Competing, string? SessionId, string? ServerName);

public sealed record AttemptNow(Guid Id, string Trigger, DateTimeOffset StartedAt, string Step, DateTimeOffset StepAt);

/// <param name="PairingNeeded">A handler waits for its pairing (shown on the dashboard); the payload itself is never served by the API.</param>
public sealed record TwoFactorNow(string Handler, DateTimeOffset Deadline, string? Prompt, bool Push, bool PairingNeeded);

public sealed record CodeSubmission(string? Code);

public sealed record CodeSubmissionResponse(string Outcome, string Message);

public sealed record AttemptsResponse(IReadOnlyList<AttemptItem> Attempts, int Total, string? Next);

public sealed record AttemptItem(
    Guid Id,
    DateTime StartedAt,
    DateTime? EndedAt,
    string Trigger,
    string Strategy,
    string? Handler,
    string? Outcome,
    bool CountedAsFailure,
    string? CodeSource,
    string? MaskedCode,
    string? Error,
    IReadOnlyList<AttemptStepItem> Steps)
{
    public static AttemptItem From(AttemptView a) => new(
        a.Id, a.StartedAt, a.EndedAt, a.Trigger.ToString(), a.Strategy, a.Handler, a.Outcome?.ToString(), a.CountedAsFailure,
        a.CodeSource, a.MaskedCode, a.Error, [.. a.Steps.Select(s => new AttemptStepItem(s.Step.ToString(), s.At, s.Detail))]);
}

public sealed record AttemptStepItem(string Step, DateTime At, string? Detail);

/// <summary>A cursor as one opaque query value: ticks and id.</summary>
internal static class AttemptCursorText
{
    public static string Format(AttemptCursor cursor) => $"{cursor.StartedAt.Ticks}_{cursor.Id:N}";

    public static bool TryParse(string? text, out AttemptCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var parts = text.Split('_');
        if (parts.Length == 2 && long.TryParse(parts[0], out var ticks) && ticks >= 0 && ticks <= DateTime.MaxValue.Ticks && Guid.TryParseExact(parts[1], "N", out var id))
        {
            cursor = new AttemptCursor(new DateTime(ticks, DateTimeKind.Utc), id);
            return true;
        }

        return false;
    }
}

internal static class OutcomeNames
{
    public static bool TryParse(string? text, out IReadOnlyCollection<LoginOutcome>? outcomes, out string? problem)
    {
        outcomes = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parsed = new List<LoginOutcome>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<LoginOutcome>(name, ignoreCase: true, out var outcome) || !Enum.IsDefined(outcome))
            {
                problem = $"Unknown outcome '{name}'; known: {string.Join(", ", Enum.GetNames<LoginOutcome>())}.";
                return false;
            }

            parsed.Add(outcome);
        }

        outcomes = parsed;
        return true;
    }
}
