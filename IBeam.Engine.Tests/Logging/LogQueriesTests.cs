using IBeam.Engine.Data.Entities;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.Tests.Shared;
using Serilog.Events;

namespace IBeam.Engine.Tests.Logging;

/// <summary>The dashboard's log search: by level, words and time, newest first, a page at a time; and the live tail.</summary>
public sealed class LogQueriesTests : IDisposable
{
    private static readonly DateTime Noon = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly TempDatabase _database = new();
    private readonly LogQueries _queries;

    public LogQueriesTests()
    {
        _database.Add(
            Entry(LogEventLevel.Information, Noon.AddDays(-3), "Gateway started (pid 4242) from /srv/gateway"),
            Entry(LogEventLevel.Warning, Noon.AddDays(-2), "Gateway refused /v1/api/tickle with HTTP 401"),
            Entry(LogEventLevel.Error, Noon.AddDays(-2).AddHours(1), "Gateway answer from /v1/api/tickle could not be read",
                "System.Text.Json.JsonException: '<' is an invalid start of a value."),
            Entry(LogEventLevel.Debug, Noon.AddDays(-1), "Status poll 3 of 120: not yet authenticated"),
            Entry(LogEventLevel.Information, Noon.AddHours(-1), "Gateway answers: authenticated"),
            Entry(LogEventLevel.Fatal, Noon, "######## ATTENTION ######## 5 consecutive failed logins reached IBEAM_MAX_FAILED_AUTH=5"));
        _queries = new LogQueries(_database.Contexts);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Without_filters_every_event_comes_newest_first()
    {
        await AssertFindsAsync(new LogQuery(), 6, 5, 4, 3, 2, 1);
    }

    [Fact]
    public async Task A_minimum_level_or_a_set_of_levels_narrows_the_search()
    {
        await AssertFindsAsync(new LogQuery { MinLevel = LogEventLevel.Warning }, 6, 3, 2);
        await AssertFindsAsync(new LogQuery { Levels = new HashSet<LogEventLevel> { LogEventLevel.Debug, LogEventLevel.Error } }, 4, 3);
        await AssertFindsAsync(new LogQuery { MinLevel = LogEventLevel.Error, Levels = new HashSet<LogEventLevel> { LogEventLevel.Debug, LogEventLevel.Error } }, 3);
    }

    [Theory]
    [InlineData("gateway", new long[] { 5, 3, 2, 1 })]
    [InlineData("GATE", new long[] { 5, 3, 2, 1 })] // a word's start, in any case
    [InlineData("tickle refused", new long[] { 2 })] // every word, in any order
    [InlineData("JsonException", new long[] { 3 })] // the exception is searched too
    [InlineData("\"answer from\"", new long[] { 3 })] // quoted words together
    [InlineData("\"from answer\"", new long[] { })]
    [InlineData("authenticated", new long[] { 5, 4 })]
    [InlineData("gateway OR nothing", new long[] { })] // FTS syntax is searched for as words, not obeyed
    [InlineData("IBEAM_MAX_FAILED_AUTH", new long[] { 6 })]
    [InlineData("level5", new long[] { })] // the index's level terms are not words of the message
    [InlineData("######## attention", new long[] { 6 })]
    [InlineData("####", new long[] { 6 })] // punctuation alone: a plain scan finds it
    public async Task Words_are_found_in_the_message_or_the_exception(string text, long[] expected)
    {
        await AssertFindsAsync(new LogQuery { Text = text }, expected);
    }

    [Fact]
    public async Task A_time_range_includes_its_start_and_excludes_its_end()
    {
        await AssertFindsAsync(new LogQuery { From = Noon.AddDays(-2), To = Noon.AddDays(-1) }, 3, 2);
        await AssertFindsAsync(new LogQuery { From = Noon.AddDays(-1) }, 6, 5, 4);
        await AssertFindsAsync(new LogQuery { To = Noon.AddDays(-2) }, 1);
    }

    [Fact]
    public async Task Words_levels_and_a_time_range_combine()
    {
        await AssertFindsAsync(new LogQuery { Text = "gateway", MinLevel = LogEventLevel.Warning, From = Noon.AddDays(-3), To = Noon.AddHours(-1) }, 3, 2);
        await AssertFindsAsync(new LogQuery { Text = "gateway", To = Noon.AddDays(-2) }, 1);
        await AssertFindsAsync(new LogQuery { Text = "tickle", Levels = new HashSet<LogEventLevel> { LogEventLevel.Warning }, To = Noon }, 2);
        await AssertFindsAsync(new LogQuery { Text = "gateway", MinLevel = LogEventLevel.Fatal });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("event")]
    public async Task Pages_go_back_in_time_and_say_whether_another_follows(string? text)
    {
        _database.Add(Enumerable.Range(1, 25).Select(n => Entry(LogEventLevel.Verbose, Noon.AddMinutes(n), $"Event {n}")));
        var query = new LogQuery { Text = text, Levels = new HashSet<LogEventLevel> { LogEventLevel.Verbose }, PageSize = 10 };

        var first = await _queries.SearchAsync(query);
        var last = await _queries.SearchAsync(query with { Page = 2 });

        Assert.Equal(Enumerable.Range(16, 10).Reverse().Select(n => $"Event {n}"), first.Entries.Select(e => e.Message));
        Assert.True(first.HasMore);
        Assert.Equal(Enumerable.Range(1, 5).Reverse().Select(n => $"Event {n}"), last.Entries.Select(e => e.Message));
        Assert.False(last.HasMore);
    }

    [Fact]
    public async Task The_live_tail_gives_the_latest_events_and_then_only_newer_ones()
    {
        Assert.Equal([6, 5, 4], (await _queries.LatestAsync(3)).Select(e => e.Id));
        Assert.Equal([6, 5], (await _queries.LatestAsync(10, afterId: 4)).Select(e => e.Id));
    }

    private async Task AssertFindsAsync(LogQuery query, params long[] expectedIds) =>
        Assert.Equal(expectedIds, (await _queries.SearchAsync(query)).Entries.Select(e => e.Id));

    private static LogEntry Entry(LogEventLevel level, DateTime at, string message, string? exception = null) =>
        new() { Level = (int)level, Timestamp = at, Message = message, Exception = exception, Category = "IBeam.Test" };
}
