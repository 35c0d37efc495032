using IBeam.Engine.Login;
using Microsoft.Data.Sqlite;

namespace IBeam.Engine.Tests.Benchmarks;

/// <summary>
/// Fills a history with a year of attempts, fast: prepared INSERTs in one transaction, written in
/// the form EF stores (ticks, enum names, upper-case GUID text). EF's change tracker would take
/// minutes for 100,000 attempts and their steps; this takes seconds.
/// </summary>
internal static class HistorySeeder
{
    /// <summary>Outcomes in a plausible proportion: mostly successes, a long tail of failures.</summary>
    private static readonly (LoginOutcome Outcome, int Weight)[] Outcomes =
    [
        (LoginOutcome.Succeeded, 880), (LoginOutcome.CodeRejected, 30), (LoginOutcome.TwoFactorTimeout, 20),
        (LoginOutcome.PageTimeout, 20), (LoginOutcome.GatewayUnreachable, 15), (LoginOutcome.PageError, 10),
        (LoginOutcome.InvalidCredentials, 8), (LoginOutcome.HandlerFailed, 7), (LoginOutcome.BrowserFailed, 4),
        (LoginOutcome.Interrupted, 3), (LoginOutcome.Cancelled, 2), (LoginOutcome.LockoutGuardStopped, 1),
    ];

    private static readonly (string? Handler, int Weight)[] Handlers =
        [("EXTERNAL_REQUEST", 60), ("GOOGLE_MSG", 25), ("NOTIFICATION_RESOURCE", 10), (null, 5)];

    private static readonly LoginStep[] SuccessSteps =
    [
        LoginStep.Starting, LoginStep.BrowserLaunched, LoginStep.PageLoaded, LoginStep.CredentialsSubmitted,
        LoginStep.TwoFactorRequested, LoginStep.HandlerAsked, LoginStep.CodeObtained, LoginStep.CodeSubmitted, LoginStep.Finished,
    ];

    /// <summary>Seeds <paramref name="count"/> attempts spread evenly over the year before <paramref name="end"/>.</summary>
    public static void Seed(string connectionString, int count, DateTime end)
    {
        var random = new Random(20261203);
        var start = end.AddDays(-365);
        var spacing = (end - start).Ticks / count;

        using var connection = new SqliteConnection(connectionString);
        connection.Open();

        // Random GUID keys land all over the primary key's index: a large page cache keeps it in memory.
        using (var cache = connection.CreateCommand())
        {
            cache.CommandText = "PRAGMA cache_size = -262144"; // 256 MB
            cache.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var attempt = Command(connection, transaction,
            "INSERT INTO Attempts (Id, StartedAt, EndedAt, Trigger, Strategy, Handler, Outcome, Error, CountedAsFailure, CodeSource, MaskedCode) " +
            "VALUES ($id, $startedAt, $endedAt, $trigger, 'B', $handler, $outcome, $error, $counted, CASE WHEN $code IS NULL THEN NULL ELSE $handler END, $code)",
            "$id", "$startedAt", "$endedAt", "$trigger", "$handler", "$outcome", "$error", "$counted", "$code");
        using var step = Command(connection, transaction,
            "INSERT INTO AttemptSteps (AttemptId, Step, At, Detail) VALUES ($attemptId, $step, $at, $detail)",
            "$attemptId", "$step", "$at", "$detail");

        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid().ToString().ToUpperInvariant();
            var startedAt = start.Ticks + (i * spacing) + random.NextInt64(spacing / 2);
            var outcome = Pick(random, Outcomes);
            var handler = Pick(random, Handlers);
            var steps = outcome == LoginOutcome.Succeeded ? SuccessSteps : SuccessSteps[..random.Next(2, 7)].Append(LoginStep.Finished).ToArray();
            var code = steps.Contains(LoginStep.CodeObtained) && handler is not null ? $"••••{random.Next(100):00}" : null;

            var times = new long[steps.Length];
            for (var (s, at) = (0, startedAt); s < steps.Length; s++)
            {
                times[s] = at += TimeSpan.FromMilliseconds(random.Next(50, 900)).Ticks;
            }

            var failed = outcome != LoginOutcome.Succeeded;
            Run(attempt, id, startedAt, times[^1], (i % 50 == 0 ? LoginTrigger.Operator : LoginTrigger.Maintenance).ToString(), handler,
                outcome.ToString(), failed ? $"{outcome}: the benchmark's failure" : null, outcome is LoginOutcome.CodeRejected or LoginOutcome.InvalidCredentials, code);
            for (var s = 0; s < steps.Length; s++)
            {
                Run(step, id, steps[s].ToString(), times[s], steps[s] == LoginStep.CodeObtained ? $"{code} from {handler}" : null);
            }
        }

        transaction.Commit();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private static T Pick<T>(Random random, (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }

        throw new InvalidOperationException("unreachable");
    }
}
