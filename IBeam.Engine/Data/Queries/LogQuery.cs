using IBeam.Engine.Data.Entities;
using Serilog.Events;

namespace IBeam.Engine.Data.Queries;

/// <summary>A search of the stored log. Every filter left unset matches everything.</summary>
public sealed record LogQuery
{
    /// <summary>Words that must all occur in the message or the exception (see <see cref="LogSearchText"/>).</summary>
    public string? Text { get; init; }

    public LogEventLevel MinLevel { get; init; } = LogEventLevel.Verbose;

    /// <summary>Only these levels (and none below <see cref="MinLevel"/>); null: every level.</summary>
    public IReadOnlySet<LogEventLevel>? Levels { get; init; }

    /// <summary>Inclusive, UTC.</summary>
    public DateTime? From { get; init; }

    /// <summary>Exclusive, UTC.</summary>
    public DateTime? To { get; init; }

    /// <summary>0 is the newest page.</summary>
    public int Page { get; init; }

    public int PageSize { get; init; } = 50;
}

/// <summary>One page of a search, newest first. <see cref="HasMore"/> instead of a total: counting a million rows per keystroke costs more than the page.</summary>
public sealed record LogPage(IReadOnlyList<LogEntry> Entries, int Page, int PageSize, bool HasMore);
