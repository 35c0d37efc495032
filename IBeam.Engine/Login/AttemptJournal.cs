using IBeam.Engine.Configuration;
using IBeam.Engine.Data;
using IBeam.Engine.TwoFactor;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Login;

/// <summary>
/// Writes each login to the attempt history as it happens: a row when it starts, a step row at
/// each step, the outcome at the end. Writes are synchronous and small (SQLite in WAL mode): a
/// process that dies mid-login leaves exactly the steps it reached. Plain SQL rather than EF:
/// these writes are on the login's path, and EF's first save costs most of a second.
/// </summary>
public sealed class AttemptJournal(DatabaseLocation location, IOptionsMonitor<IBeamOptions> options, TimeProvider time)
{
    public Guid Start(LoginTrigger trigger)
    {
        var settings = options.CurrentValue;
        var id = Guid.NewGuid();
        Execute(
            """
            INSERT INTO "Attempts" ("Id", "StartedAt", "Trigger", "Strategy", "Handler", "CountedAsFailure")
            VALUES ($id, $now, $trigger, $strategy, $handler, 0)
            """,
            ("$id", Key(id)), ("$now", Now()), ("$trigger", trigger.ToString()), ("$strategy", settings.Maintenance.Strategy.ToString()),
            ("$handler", settings.TwoFactor.Handler?.Trim().ToUpperInvariant()));
        return id;
    }

    public void Step(Guid attemptId, LoginStep step, string? detail) =>
        Execute(
            """INSERT INTO "AttemptSteps" ("AttemptId", "Step", "At", "Detail") VALUES ($id, $step, $now, $detail)""",
            ("$id", Key(attemptId)), ("$step", step.ToString()), ("$now", Now()), ("$detail", detail));

    public void CodeObtained(Guid attemptId, string source, string maskedCode) =>
        Execute(
            """UPDATE "Attempts" SET "CodeSource" = $source, "MaskedCode" = $masked WHERE "Id" = $id""",
            ("$id", Key(attemptId)), ("$source", source), ("$masked", maskedCode));

    public void Finish(Guid attemptId, LoginResult result) =>
        Execute(
            """
            UPDATE "Attempts" SET "EndedAt" = $now, "Outcome" = $outcome, "Error" = $error, "CountedAsFailure" = $counted, "Screenshot" = $screenshot
            WHERE "Id" = $id
            """,
            ("$id", Key(attemptId)), ("$now", Now()), ("$outcome", result.Outcome.ToString()), ("$error", result.Error),
            ("$counted", result.CountedAsFailure ? 1 : 0), ("$screenshot", result.Screenshot));

    /// <summary>A key as EF Core stores a Guid in SQLite (upper-case text), so that EF's queries find these rows.</summary>
    private static string Key(Guid id) => id.ToString().ToUpperInvariant();

    /// <summary>A time as <see cref="UtcTicksConverter"/> stores it.</summary>
    private long Now() => time.GetUtcNow().UtcDateTime.Ticks;

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = new SqliteConnection(location.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }
}

/// <summary>Hands a login's progress to the attempt history as well as to the next receiver (the live state).</summary>
public sealed class JournalingProgress(AttemptJournal journal, Guid attemptId, ILoginProgress next) : ILoginProgress
{
    public Guid AttemptId => attemptId;

    public void Step(LoginStep step, string? detail = null)
    {
        journal.Step(attemptId, step, detail);
        next.Step(step, detail);
    }

    public void CodeObtained(string source, string maskedCode)
    {
        journal.CodeObtained(attemptId, source, maskedCode);
        journal.Step(attemptId, LoginStep.CodeObtained, $"{maskedCode} from {source}");
        next.CodeObtained(source, maskedCode);
    }

    public void Awaiting(string handler, DateTimeOffset deadline, string? prompt, bool push) => next.Awaiting(handler, deadline, prompt, push);

    public void AwaitEnded() => next.AwaitEnded();

    public void Pairing(PairingView? view) => next.Pairing(view);
}
