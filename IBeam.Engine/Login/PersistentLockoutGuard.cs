using IBeam.Engine.Configuration;
using IBeam.Engine.Data;
using IBeam.Engine.Data.Entities;
using IBeam.Engine.Logging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Login;

/// <summary>
/// The lock-out guard kept in the database, so that restarts and crashes cannot reset it. Each
/// submission is counted in a committed transaction before it is made, and settled after the
/// page's answer; a process killed in between leaves it counted (start-up records that). Every
/// change is also written to the lock-out events, the audit of who reset the count and why it moved.
/// </summary>
public sealed class PersistentLockoutGuard(
    DatabaseLocation location,
    IOptionsMonitor<IBeamOptions> options,
    TimeProvider time,
    ILogger<PersistentLockoutGuard> logger) : ILockoutGuard
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LockoutRecord? _cached;

    private int Max => options.CurrentValue.Login.MaxFailedAuth;

    public LockoutState Current
    {
        get
        {
            var record = _cached ?? Load();
            return new LockoutState(record.FailedSubmissions, Max, record.StopReason is not null, record.StopReason);
        }
    }

    public async ValueTask<SubmissionTicket> BeginSubmissionAsync(CancellationToken cancellationToken)
    {
        var ticket = new SubmissionTicket(Guid.NewGuid(), time.GetUtcNow());
        string? refusal = null;
        await ChangeAsync((record, events) =>
        {
            if (record.StopReason is not null || record.FailedSubmissions >= Max)
            {
                if (record.StopReason is null)
                {
                    record.StopReason = StopMessage(record.FailedSubmissions);
                    events.Add(Event(LockoutEventKind.Stopped, record, detail: record.StopReason));
                }

                refusal = record.StopReason;
                return;
            }

            record.FailedSubmissions++; // counted until settled otherwise
            record.PendingSubmission = ticket.Id;
            record.PendingSince = ticket.StartedAt.UtcDateTime;
            events.Add(Event(LockoutEventKind.SubmissionStarted, record));
        }, cancellationToken);

        return refusal is null ? ticket : throw new LockoutGuardStoppedException(refusal);
    }

    public ValueTask SettleSucceededAsync(SubmissionTicket ticket, CancellationToken cancellationToken) =>
        ChangeAsync((record, events) =>
        {
            record.FailedSubmissions = 0;
            record.PendingSubmission = null;
            record.PendingSince = null;
            record.StopReason = null;
            events.Add(Event(LockoutEventKind.LoginSucceeded, record));
        }, cancellationToken);

    public ValueTask SettleFailedAsync(SubmissionTicket ticket, string reason, CancellationToken cancellationToken) =>
        ChangeAsync((record, events) =>
        {
            if (record.PendingSubmission != ticket.Id)
            {
                return;
            }

            record.PendingSubmission = null;
            record.PendingSince = null;
            events.Add(Event(LockoutEventKind.SubmissionFailed, record, detail: reason));
            EngineLog.SubmissionFailed(logger, record.FailedSubmissions, Max, reason);
            if (record.FailedSubmissions >= Max)
            {
                record.StopReason = StopMessage(record.FailedSubmissions);
                events.Add(Event(LockoutEventKind.Stopped, record, detail: record.StopReason));
                EngineLog.LockoutGuardStopped(logger, record.FailedSubmissions, Max);
            }
        }, cancellationToken);

    public ValueTask SettleNotCountedAsync(SubmissionTicket ticket, CancellationToken cancellationToken) =>
        ChangeAsync((record, events) =>
        {
            if (record.PendingSubmission != ticket.Id)
            {
                return;
            }

            record.FailedSubmissions = Math.Max(0, record.FailedSubmissions - 1);
            record.PendingSubmission = null;
            record.PendingSince = null;
            events.Add(Event(LockoutEventKind.SubmissionNotCounted, record));
        }, cancellationToken);

    public ValueTask ResetAsync(string operatorName, CancellationToken cancellationToken) =>
        ChangeAsync((record, events) =>
        {
            EngineLog.LockoutGuardReset(logger, operatorName, record.FailedSubmissions);

            // A submission still awaiting its answer keeps counting until it is settled.
            record.FailedSubmissions = record.PendingSubmission is null ? 0 : 1;
            record.StopReason = null;
            events.Add(Event(LockoutEventKind.Reset, record, by: operatorName));
        }, cancellationToken);

    private async ValueTask ChangeAsync(Action<LockoutRecord, List<LockoutEvent>> change, CancellationToken cancellationToken)
    {
        // Not cancellable once started: a half-settled count is worse than a late one.
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            // Plain SQL in one transaction: this sits between filling the login form and submitting it,
            // where EF's first save would cost most of a second.
            await using var connection = new SqliteConnection(location.ConnectionString);
            await connection.OpenAsync(CancellationToken.None);
            // BEGIN IMMEDIATE: the write lock is taken before the read, so no other writer can slip in between.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var record = await ReadAsync(connection, transaction);
            var events = new List<LockoutEvent>();
            change(record, events);
            record.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await WriteAsync(connection, transaction, record, events);
            await transaction.CommitAsync(CancellationToken.None);
            _cached = record;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<LockoutRecord> ReadAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = """SELECT "FailedSubmissions", "PendingSubmission", "PendingSince", "StopReason" FROM "Lockout" WHERE "Id" = $id""";
        select.Parameters.AddWithValue("$id", LockoutRecord.SingletonId);
        await using var row = await select.ExecuteReaderAsync(CancellationToken.None);
        return await row.ReadAsync(CancellationToken.None)
            ? new LockoutRecord
            {
                FailedSubmissions = row.GetInt32(0),
                PendingSubmission = row.IsDBNull(1) ? null : Guid.Parse(row.GetString(1)),
                PendingSince = row.IsDBNull(2) ? null : new DateTime(row.GetInt64(2), DateTimeKind.Utc),
                StopReason = row.IsDBNull(3) ? null : row.GetString(3),
            }
            : new LockoutRecord();
    }

    /// <summary>Writes the record and its events as EF Core stores them (times as UTC ticks, a Guid as upper-case text, enums by name).</summary>
    private static async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, LockoutRecord record, List<LockoutEvent> events)
    {
        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO "Lockout" ("Id", "FailedSubmissions", "PendingSubmission", "PendingSince", "StopReason", "UpdatedAt")
            VALUES ($id, $failed, $pending, $since, $reason, $updated)
            ON CONFLICT ("Id") DO UPDATE SET "FailedSubmissions" = $failed, "PendingSubmission" = $pending,
                "PendingSince" = $since, "StopReason" = $reason, "UpdatedAt" = $updated
            """;
        upsert.Parameters.AddWithValue("$id", LockoutRecord.SingletonId);
        upsert.Parameters.AddWithValue("$failed", record.FailedSubmissions);
        upsert.Parameters.AddWithValue("$pending", (object?)record.PendingSubmission?.ToString().ToUpperInvariant() ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$since", (object?)record.PendingSince?.Ticks ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$reason", (object?)record.StopReason ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$updated", record.UpdatedAt.Ticks);
        await upsert.ExecuteNonQueryAsync(CancellationToken.None);

        foreach (var lockoutEvent in events)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO "LockoutEvents" ("At", "Kind", "FailedSubmissions", "By", "Detail")
                VALUES ($at, $kind, $failed, $by, $detail)
                """;
            insert.Parameters.AddWithValue("$at", lockoutEvent.At.Ticks);
            insert.Parameters.AddWithValue("$kind", lockoutEvent.Kind.ToString());
            insert.Parameters.AddWithValue("$failed", lockoutEvent.FailedSubmissions);
            insert.Parameters.AddWithValue("$by", (object?)lockoutEvent.By ?? DBNull.Value);
            insert.Parameters.AddWithValue("$detail", (object?)lockoutEvent.Detail ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private LockoutRecord Load()
    {
        // Plain SQL: this is read at the start of every pass, before EF's model may be built (which takes most of a second).
        using var connection = new SqliteConnection(location.ConnectionString);
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = """SELECT "FailedSubmissions", "StopReason" FROM "Lockout" WHERE "Id" = $id""";
        select.Parameters.AddWithValue("$id", LockoutRecord.SingletonId);
        using var row = select.ExecuteReader();
        return _cached = row.Read()
            ? new LockoutRecord { FailedSubmissions = row.GetInt32(0), StopReason = row.IsDBNull(1) ? null : row.GetString(1) }
            : new LockoutRecord();
    }

    private LockoutEvent Event(LockoutEventKind kind, LockoutRecord record, string? by = null, string? detail = null) => new()
    {
        At = time.GetUtcNow().UtcDateTime,
        Kind = kind,
        FailedSubmissions = record.FailedSubmissions,
        By = by,
        Detail = detail,
    };

    private string StopMessage(int failed) =>
        $"{failed} consecutive failed login submissions reached IBEAM_MAX_FAILED_AUTH={Max}. IBeam stopped logging in so that IBKR does not lock the account " +
        "(IBKR locks it for 24 hours after 10). Log in once by hand to check the credentials, then reset the counter.";
}
