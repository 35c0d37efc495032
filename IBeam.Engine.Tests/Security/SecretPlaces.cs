using System.Text;
using IBeam.Engine.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace IBeam.Engine.Tests.Security;

/// <summary>
/// Every text a secret could have leaked into, each under the name of where it was found: pages,
/// API answers, the database's every text and blob column, log files. Asked which secrets it holds.
/// </summary>
public sealed class SecretPlaces
{
    /// <summary>The dashboard's pages an operator reads, each with what shows it has its data: the live marker, or the data itself.</summary>
    private static readonly (string Path, string Ready)[] Pages =
    [
        ("/", "#live:text('connected')"),
        ("/two-factor", "#live:text('connected')"),
        ("/history", "#live:text('connected')"),
        ("/logs", "#tail-entries [data-id]"),
        ("/settings", "[data-area]"),
    ];

    private static readonly string[] ApiAnswers = ["/api/status", "/api/attempts"];

    private readonly List<(string Where, string Text)> _texts = [];
    private readonly List<string> _databases = [];

    public int Count => _texts.Count;

    public void Add(string where, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            _texts.Add((where, text));
        }
    }

    /// <summary>
    /// Each page as the signed-in operator's browser shows it once live, and as the server first
    /// renders it; then the API's answers.
    /// </summary>
    public async Task AddDashboardAsync(IPage page, InProcessDashboard dashboard)
    {
        using var http = dashboard.TokenClient();
        foreach (var (path, ready) in Pages)
        {
            await page.GotoAsync(new Uri(dashboard.Address, path).ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });
            await page.Locator(ready).First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
            Add($"page {path} (live)", await page.ContentAsync());
            Add($"page {path} (rendered)", await http.GetStringAsync(path));
        }

        foreach (var path in ApiAnswers)
        {
            Add($"API {path}", await http.GetStringAsync(path));
        }
    }

    /// <summary>Every value of every column of every table (text, and blobs read as UTF-8), and the file's bytes.</summary>
    public void AddDatabase(string databasePath)
    {
        _databases.Add(databasePath);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        foreach (var table in Column<string>(connection, "SELECT name FROM sqlite_master WHERE type = 'table'"))
        {
            using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = rows.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    Add($"table {table}.{reader.GetName(i)}", reader.GetValue(i) switch
                    {
                        string text => text,
                        byte[] blob => Encoding.UTF8.GetString(blob),
                        _ => null,
                    });
                }
            }
        }
    }

    /// <summary>Every file under <paramref name="folder"/> matching <paramref name="pattern"/> (log files); returns how many.</summary>
    public int AddFiles(string folder, string pattern)
    {
        var files = Directory.GetFiles(folder, pattern, SearchOption.AllDirectories);
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Add($"file {Path.GetFileName(file)}", new StreamReader(stream).ReadToEnd());
        }

        return files.Length;
    }

    /// <summary>"secret in place" for each secret found anywhere; empty when none leaked.</summary>
    public List<string> Holding(IEnumerable<(string Name, string Value)> secrets) =>
    [
        .. from secret in secrets
           from place in _texts.Where(t => t.Text.Contains(secret.Value, StringComparison.Ordinal)).Select(t => t.Where)
               .Concat(_databases.Where(db => DatabaseFiles.Contain(db, secret.Value)).Select(db => $"the bytes of {Path.GetFileName(db)}"))
               .Distinct()
           select $"{secret.Name} ({secret.Value}) in {place}",
    ];

    private static List<T> Column<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }
}
