using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using IBeam.Engine.Login;

namespace IBeam.Engine.Data.Queries;

/// <summary>The history's CSV export: one row per attempt, its steps in one compact column.</summary>
internal static class AttemptCsv
{
    // Error texts come from the gateway's page: a spreadsheet must show them, not run them as formulas.
    // The byte order mark makes Excel read UTF-8 (the masked code's "•"), which it does not assume.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, WriteByteOrderMark = true };

    public static async Task WriteAsync(IAsyncEnumerable<AttemptView> attempts, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        await csv.WriteRecordsAsync(Rows(attempts, cancellationToken), cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>"Starting +0.00s; PageLoaded +0.41s; CodeObtained +3.10s (••••42 from EXTERNAL_REQUEST)": offsets from the start.</summary>
    public static string Steps(AttemptView attempt) => string.Join("; ", attempt.Steps.Select(s =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Step} +{(s.At - attempt.StartedAt).TotalSeconds:0.00}s") +
        (string.IsNullOrEmpty(s.Detail) ? "" : $" ({s.Detail})")));

    private static async IAsyncEnumerable<AttemptCsvRow> Rows(IAsyncEnumerable<AttemptView> attempts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var a in attempts.WithCancellation(cancellationToken))
        {
            yield return new AttemptCsvRow
            {
                Start = a.StartedAt,
                End = a.EndedAt,
                DurationSeconds = a.Duration is { } duration ? Math.Round(duration.TotalSeconds, 3) : null,
                Trigger = a.Trigger,
                Strategy = a.Strategy,
                Handler = a.Handler,
                Outcome = a.Outcome,
                CountedAsFailure = a.CountedAsFailure,
                CodeSource = a.CodeSource,
                MaskedCode = a.MaskedCode, // masked again when read (AttemptQueries.ReadWithStepsAsync)
                Error = a.Error,
                Screenshot = a.Screenshot,
                Steps = Steps(a),
            };
        }
    }
}

/// <summary>A row of the export; CsvHelper's source generator writes (and, for tests and re-imports, reads) it.</summary>
[CsvRecord]
internal sealed partial record AttemptCsvRow
{
    [CsvFormat("O")]
    public DateTime Start { get; init; }

    [CsvFormat("O")]
    public DateTime? End { get; init; }

    public double? DurationSeconds { get; init; }

    public LoginTrigger Trigger { get; init; }

    public string Strategy { get; init; } = "";

    public string? Handler { get; init; }

    /// <summary>Empty while the login runs.</summary>
    public LoginOutcome? Outcome { get; init; }

    public bool CountedAsFailure { get; init; }

    public string? CodeSource { get; init; }

    public string? MaskedCode { get; init; }

    public string? Error { get; init; }

    public string? Screenshot { get; init; }

    public string Steps { get; init; } = "";
}
