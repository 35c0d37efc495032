using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IBeam.Engine.Tests.Shared;

/// <summary>
/// Records the SQL that EF sends, with its parameters, and asks SQLite how it would run each
/// (EXPLAIN QUERY PLAN): which index a query uses is the difference between milliseconds and a scan.
/// </summary>
public sealed class QueryPlans : DbCommandInterceptor
{
    private readonly List<(string Sql, SqliteParameter[] Parameters)> _commands = [];

    public IReadOnlyList<string> Commands => _commands.Select(c => c.Sql).ToList();

    public void Clear() => _commands.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _commands.Add((command.CommandText, command.Parameters.Cast<SqliteParameter>().Select(p => new SqliteParameter(p.ParameterName, p.Value) { SqliteType = p.SqliteType }).ToArray()));
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    /// <summary>Each recorded command with its plan, one "SEARCH/SCAN …" line per step.</summary>
    public IReadOnlyList<(string Sql, IReadOnlyList<string> Plan)> Explain(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        return _commands.Select(c => (c.Sql, Plan(connection, c.Sql, c.Parameters))).ToList();
    }

    private static IReadOnlyList<string> Plan(SqliteConnection connection, string sql, SqliteParameter[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new SqliteParameter(parameter.ParameterName, parameter.Value) { SqliteType = parameter.SqliteType });
        }

        var lines = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3)); // id, parent, notused, detail
        }

        return lines;
    }
}
