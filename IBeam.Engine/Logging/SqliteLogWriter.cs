using System.Globalization;
using IBeam.Engine.Data;
using Microsoft.Data.Sqlite;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace IBeam.Engine.Logging;

/// <summary>
/// Writes batches of log events to the Logs table: one transaction and one prepared statement per
/// batch, on a connection of its own that is reopened after a failure. Prunes the table between
/// batches (<see cref="LogRetention"/>). Used by one thread at a time (the queue's pump). After each
/// commit it tells the <see cref="LogFeed"/>, if given one, the highest id written (the live tail).
/// </summary>
public sealed class SqliteLogWriter : IBatchedLogEventSink, IDisposable
{
    // {Message:l}: values as the console shows them. RenderMessage() quotes strings, and the j flag
    // renders every scalar as JSON, so an enum was stored as "Succeeded" (quoted) and a bool as true.
    private static readonly MessageTemplateTextFormatter MessageFormatter = new("{Message:l}", CultureInfo.InvariantCulture);

    private readonly string _connectionString;
    private readonly SqliteLogOptions _options;
    private readonly LogRetention _retention;
    private readonly LogFeed? _feed;
    private readonly StringWriter _text = new(CultureInfo.InvariantCulture);
    private SqliteConnection? _connection;
    private Insert? _insert;

    public SqliteLogWriter(DatabaseLocation location, SqliteLogOptions options, LogFeed? feed = null)
    {
        _options = options;
        _feed = feed;
        _retention = new LogRetention(options);
        _connectionString = new SqliteConnectionStringBuilder(location.ConnectionString)
        {
            // The database is made and migrated by the start-up step; the log never creates a stray empty one.
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = options.BusyTimeoutSeconds,
        }.ToString();
    }

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        var lastId = Write(batch);
        if (lastId > 0)
        {
            _feed?.Written(lastId);
        }

        PruneIfDue(batch.Count);
        return Task.CompletedTask;
    }

    public Task OnEmptyBatchAsync()
    {
        PruneIfDue(0);
        return Task.CompletedTask;
    }

    public void Dispose() => Close();

    /// <summary>Returns the id of the last row written (0 for an empty batch).</summary>
    private long Write(IReadOnlyCollection<LogEvent> batch)
    {
        try
        {
            var (connection, insert) = Open();
            using var transaction = connection.BeginTransaction();
            insert.Command.Transaction = transaction;
            foreach (var logEvent in batch)
            {
                insert.Timestamp.Value = logEvent.Timestamp.UtcTicks;
                insert.Level.Value = (int)logEvent.Level;
                insert.Category.Value = Category(logEvent) ?? (object)DBNull.Value;
                insert.Message.Value = Render(logEvent);
                insert.Exception.Value = logEvent.Exception?.ToString() ?? (object)DBNull.Value;
                insert.Command.ExecuteNonQuery();
            }

            // The last INSERT's rowid on this connection (the search index's triggers do not change it).
            var lastId = batch.Count > 0 ? LastInsertedId(connection) : 0;
            transaction.Commit();
            return lastId;
        }
        catch
        {
            Close(); // the connection may be what failed: start afresh next time
            throw;
        }
    }

    /// <summary>Retention failing must not fail the batch (it is written, and a retry would write it twice).</summary>
    private void PruneIfDue(int written)
    {
        var now = _options.Time.GetUtcNow();
        _retention.Count(written);
        if (!_retention.IsDue(now))
        {
            return;
        }

        try
        {
            _retention.Prune(Open().Connection, now);
        }
        catch (Exception e)
        {
            SelfLog.WriteLine("IBeam: pruning the database log failed: {0}", e);
            Close();
        }
    }

    private static long LastInsertedId(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_insert_rowid();";
        return command.ExecuteScalar() is long id ? id : 0;
    }

    private (SqliteConnection Connection, Insert Insert) Open()
    {
        if (_connection is null || _insert is null)
        {
            var connection = new SqliteConnection(_connectionString);
            try
            {
                connection.Open();
                using (var pragma = connection.CreateCommand())
                {
                    // Safe with WAL (a power cut can lose the last batches, never corrupt the file); spares an fsync per batch.
                    pragma.CommandText = "PRAGMA synchronous = NORMAL;";
                    pragma.ExecuteNonQuery();
                }

                _insert = Insert.Prepare(connection);
                _connection = connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        return (_connection, _insert);
    }

    private void Close()
    {
        _insert?.Command.Dispose();
        _insert = null;
        _connection?.Dispose();
        _connection = null;
    }

    private string Render(LogEvent logEvent)
    {
        _text.GetStringBuilder().Clear();
        MessageFormatter.Format(logEvent, _text);
        return _text.ToString();
    }

    private static string? Category(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out var value) && value is ScalarValue { Value: string category } ? category : null;

    private sealed record Insert(SqliteCommand Command, SqliteParameter Timestamp, SqliteParameter Level, SqliteParameter Category, SqliteParameter Message, SqliteParameter Exception)
    {
        public static Insert Prepare(SqliteConnection connection)
        {
            var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO "Logs" ("Timestamp", "Level", "Category", "Message", "Exception")
                VALUES ($timestamp, $level, $category, $message, $exception)
                """;
            var insert = new Insert(
                command,
                command.Parameters.Add("$timestamp", SqliteType.Integer),
                command.Parameters.Add("$level", SqliteType.Integer),
                command.Parameters.Add("$category", SqliteType.Text),
                command.Parameters.Add("$message", SqliteType.Text),
                command.Parameters.Add("$exception", SqliteType.Text));
            command.Prepare();
            return insert;
        }
    }
}
