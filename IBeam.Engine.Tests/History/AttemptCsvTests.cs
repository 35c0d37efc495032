using System.Text;
using CsvHelper;
using IBeam.Engine.Data.Entities;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.Login;
using IBeam.Engine.Tests.Shared;
using static IBeam.Engine.Tests.Shared.AttemptData;

namespace IBeam.Engine.Tests.History;

public sealed class AttemptCsvTests : IDisposable
{
    private static readonly string[] Columns =
    [
        "Start", "End", "DurationSeconds", "Trigger", "Strategy", "Handler", "Outcome", "CountedAsFailure",
        "CodeSource", "MaskedCode", "Error", "Screenshot", "Steps",
    ];

    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_export_has_a_row_per_matching_attempt_newest_first_with_every_column()
    {
        var success = Attempt(Monday, LoginOutcome.Succeeded);
        success.CodeSource = "EXTERNAL_REQUEST";
        success.MaskedCode = "••••42";
        success.Steps.Insert(1, new LoginAttemptStep { Step = LoginStep.CodeObtained, At = Monday.AddSeconds(1.5), Detail = "••••42 from EXTERNAL_REQUEST" });
        var failure = Attempt(Monday.AddHours(1), LoginOutcome.InvalidCredentials);
        failure.Screenshot = "outputs/failure.png";
        await _database.SeedAsync(success, failure, Attempt(Monday.AddHours(2), LoginOutcome.Succeeded, "GOOGLE_MSG"));

        var (header, rows) = await ExportAsync(new AttemptFilter { Handler = "EXTERNAL_REQUEST" });

        Assert.Equal(Columns, header);
        Assert.Equal(2, rows.Count);
        var (last, first) = (rows[0], rows[1]);
        Assert.Equal(Monday.AddHours(1), last.Start);
        Assert.Equal(LoginOutcome.InvalidCredentials, last.Outcome);
        Assert.True(last.CountedAsFailure);
        Assert.Equal("InvalidCredentials (test)", last.Error);
        Assert.Equal("outputs/failure.png", last.Screenshot);
        Assert.Equal(Monday, first.Start);
        Assert.Equal(DateTimeKind.Utc, first.Start.Kind);
        Assert.Equal(Monday.AddSeconds(3), first.End);
        Assert.Equal(3.0, first.DurationSeconds);
        Assert.Equal((LoginTrigger.Maintenance, "B", "EXTERNAL_REQUEST"), (first.Trigger, first.Strategy, first.Handler));
        Assert.Equal(("EXTERNAL_REQUEST", "••••42"), (first.CodeSource, first.MaskedCode));
        Assert.Equal("Starting +0.00s; CodeObtained +1.50s (••••42 from EXTERNAL_REQUEST); Finished +3.00s (Succeeded)", first.Steps);
    }

    [Fact]
    public async Task The_masked_code_column_never_holds_a_whole_code()
    {
        var attempt = Attempt(Monday);
        attempt.MaskedCode = "123456"; // as if a bug had stored it whole
        await _database.SeedAsync(attempt);

        var (text, rows) = await ExportTextAsync(AttemptFilter.All);

        Assert.Equal("••••56", Assert.Single(rows).MaskedCode);
        Assert.DoesNotContain("123456", text);
    }

    [Fact]
    public async Task An_error_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text()
    {
        var attempt = Attempt(Monday, LoginOutcome.PageError);
        attempt.Error = "=HYPERLINK(\"http://example.invalid\")";
        await _database.SeedAsync(attempt);

        var (_, rows) = await ExportTextAsync(AttemptFilter.All);

        Assert.Equal("'=HYPERLINK(\"http://example.invalid\")", Assert.Single(rows).Error);
    }

    [Fact]
    public async Task An_export_longer_than_a_chunk_holds_every_attempt_once_in_order()
    {
        await _database.SeedAsync(EveryMinute(Monday, 1_234));

        var (_, rows) = await ExportAsync(AttemptFilter.All);

        Assert.Equal(Enumerable.Range(0, 1_234).Select(i => Monday.AddMinutes(1_233 - i)), rows.Select(r => r.Start));
    }

    [Fact]
    public async Task An_empty_history_exports_the_header_alone_after_a_byte_order_mark_for_Excel()
    {
        var (text, _) = await ExportTextAsync(AttemptFilter.All);

        Assert.Equal("\uFEFF" + string.Join(',', Columns) + "\r\n", text);
    }

    private async Task<(string Text, List<AttemptCsvRow> Rows)> ExportTextAsync(AttemptFilter filter)
    {
        using var output = new MemoryStream();
        await new AttemptHistory(_database).ExportCsvAsync(filter, output);
        var text = Encoding.UTF8.GetString(output.ToArray());
        var (_, rows) = Read(output.ToArray());
        return (text, rows);
    }

    private async Task<(IReadOnlyList<string> Header, List<AttemptCsvRow> Rows)> ExportAsync(AttemptFilter filter)
    {
        using var output = new MemoryStream();
        await new AttemptHistory(_database).ExportCsvAsync(filter, output);
        return Read(output.ToArray());
    }

    private static (IReadOnlyList<string> Header, List<AttemptCsvRow> Rows) Read(byte[] csv)
    {
        using var reader = CsvReader.Create(csv);
        var rows = reader.GetRecords<AttemptCsvRow>().ToList();
        return ([.. reader.Headers], rows);
    }
}
