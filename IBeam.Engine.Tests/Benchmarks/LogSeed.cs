using IBeam.Engine.Data;
using Microsoft.Data.Sqlite;
using Serilog.Events;

namespace IBeam.Engine.Tests.Benchmarks;

/// <summary>
/// Fills the Logs table with a month of lines like IBeam's own, in the proportions a busy engine
/// writes them (most Information and Debug, few warnings, errors rarer, Fatal almost never), through
/// the same triggers as the sink, so the full-text index is as large as it would be.
/// </summary>
internal static class LogSeed
{
    private const int RowsPerTransaction = 10_000;

    private static readonly string[] Categories =
    [
        "IBeam.Engine.Maintenance.MaintenanceService", "IBeam.Engine.Gateway.GatewayClient", "IBeam.Engine.Login.LoginFlow",
        "IBeam.Engine.Gateway.GatewayProcess", "IBeam.Engine.TwoFactor.ExternalRequestHandler", "Microsoft.Hosting.Lifetime", "IBeam.Database",
    ];

    private static readonly string[] Routes = ["/v1/api/tickle", "/v1/api/iserver/auth/status", "/v1/portal/sso/validate", "/v1/api/iserver/auth/ssodh/init"];

    public static void Insert(DatabaseLocation location, int rows, DateTime newest)
    {
        var random = new Random(7);
        var oldest = newest.AddDays(-29).Ticks;
        var step = (newest.Ticks - oldest) / rows;
        using var connection = new SqliteConnection(location.ConnectionString);
        connection.Open();
        for (var done = 0; done < rows; done += RowsPerTransaction)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.CommandText = """INSERT INTO "Logs" ("Timestamp", "Level", "Category", "Message", "Exception") VALUES ($t, $l, $c, $m, $e)""";
            var (timestamp, level, category, message, exception) = (insert.Parameters.Add("$t", SqliteType.Integer), insert.Parameters.Add("$l", SqliteType.Integer),
                insert.Parameters.Add("$c", SqliteType.Text), insert.Parameters.Add("$m", SqliteType.Text), insert.Parameters.Add("$e", SqliteType.Text));
            insert.Prepare();
            for (var row = done; row < Math.Min(done + RowsPerTransaction, rows); row++)
            {
                var pick = Level(random);
                timestamp.Value = oldest + row * step;
                level.Value = (int)pick;
                category.Value = Categories[random.Next(Categories.Length)];
                message.Value = Message(random, pick);
                exception.Value = pick >= LogEventLevel.Error && random.Next(3) == 0
                    ? "System.Text.Json.JsonException: '<' is an invalid start of a value.\n   at IBeam.Engine.Gateway.GatewayClient.ReadAsync()\n   at IBeam.Engine.Maintenance.StatusPoller.PollAsync()"
                    : DBNull.Value;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public static string Message(Random random, LogEventLevel level) => level switch
    {
        <= LogEventLevel.Debug => random.Next(4) switch
        {
            0 => $"Tickle: session {random.Next(100_000):x8} authenticated=true connected=true competing=false",
            1 => $"Gateway GET {Route(random)} answered 200 in {random.Next(5, 300)} ms",
            2 => $"Maintenance pass {random.Next(1_000_000)} started",
            _ => $"Status poll {random.Next(120)} of 120: not yet authenticated",
        },
        LogEventLevel.Information => random.Next(5) switch
        {
            0 => "Gateway answers: authenticated",
            1 => $"Next maintenance in {random.Next(30, 90)} s",
            2 => $"Login step {random.Next(8)} reached: waiting for the 2FA code from EXTERNAL_REQUEST",
            3 => $"Gateway started (pid {random.Next(1000, 65000)}) from /srv/clientportal.gw",
            _ => $"Session {random.Next(100_000):x8} on server ndc1.ibllc.com reauthenticated",
        },
        LogEventLevel.Warning => random.Next(3) switch
        {
            0 => $"Gateway refused {Route(random)} with HTTP {(random.Next(2) == 0 ? 401 : 503)}",
            1 => $"Failed submission {random.Next(1, 5)} of at most 5 in a row (invalid credentials)",
            _ => $"Gateway gave no answer at {Route(random)} within 15 s; consider raising IBEAM_REQUEST_TIMEOUT",
        },
        LogEventLevel.Error => $"Gateway answer from {Route(random)} could not be read: Unexpected character encountered while parsing value: <. Path '', line {random.Next(100)}, position 0.",
        _ => "######## ATTENTION ######## 5 consecutive failed logins reached IBEAM_MAX_FAILED_AUTH=5.",
    };

    public static LogEventLevel Level(Random random) => random.NextDouble() switch
    {
        < 0.30 => LogEventLevel.Debug,
        < 0.90 => LogEventLevel.Information,
        < 0.97 => LogEventLevel.Warning,
        < 0.995 => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };

    private static string Route(Random random) => Routes[random.Next(Routes.Length)];
}
