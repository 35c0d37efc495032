using System.Net;
using IBeam.Engine.Data;
using Microsoft.Data.Sqlite;

namespace IBeam.Dashboard.Hosting;

/// <summary>
/// Until an operator password exists (IBEAM_DASHBOARD_PASSWORD, or one set on a first visit), the
/// dashboard listens on loopback only: whoever reaches the first-visit page sets the password, so
/// that page must not be reachable from the network.
/// </summary>
internal static class DashboardListening
{
    /// <summary>Where the dashboard listens when neither --urls nor ASPNETCORE_URLS says.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static void Choose(WebApplicationBuilder builder, DatabaseLocation database)
    {
        var configured = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } urlsSetting ? urlsSetting : DefaultUrl;
        if (!string.IsNullOrEmpty(builder.Configuration["IBEAM_DASHBOARD_PASSWORD"]) || HasStoredPassword(database))
        {
            builder.WebHost.UseUrls(configured);
            return;
        }

        var urls = configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var restricted = urls.Select(ToLoopback).ToArray();
        builder.WebHost.UseUrls(restricted);
        Console.WriteLine(urls.SequenceEqual(restricted)
            ? "No operator password is set (IBEAM_DASHBOARD_PASSWORD): open the dashboard on this machine to set one."
            : $"No operator password is set (IBEAM_DASHBOARD_PASSWORD): the dashboard listens on loopback only ({string.Join(", ", restricted)}) instead of {configured} until one is set on the first visit.");
    }

    /// <summary>The same URL on 127.0.0.1 unless it already names a loopback host.</summary>
    internal static string ToLoopback(string url)
    {
        // Kestrel's wildcards (http://*:5080, http://+:5080) are not valid URI hosts: read them by hand.
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return url;
        }

        var rest = url[(schemeEnd + 3)..];
        var hostEnd = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.IndexOfAny([':', '/']);
        var host = hostEnd > 0 ? rest[..hostEnd] : rest;
        var isLoopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        return isLoopback ? url : $"{url[..(schemeEnd + 3)]}127.0.0.1{rest[host.Length..]}";
    }

    private static bool HasStoredPassword(DatabaseLocation database)
    {
        // Plain SQL: the host (and EF Core's model) is not built yet, and this runs on every start.
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM \"OperatorAccount\")";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
