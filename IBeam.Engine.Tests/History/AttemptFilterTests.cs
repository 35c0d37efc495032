using IBeam.Engine.Data.Entities;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.Login;
using IBeam.Engine.Tests.Shared;
using static IBeam.Engine.Tests.Shared.AttemptData;

namespace IBeam.Engine.Tests.History;

/// <summary>Six attempts over three days, two handlers and no handler, each outcome kind; each filter alone, then together.</summary>
public sealed class AttemptFilterTests : IAsyncLifetime
{
    private static readonly DateTime Tuesday = Monday.AddDays(1);
    private static readonly DateTime Wednesday = Monday.AddDays(2);

    private readonly TempDatabase _database = new();
    private readonly Dictionary<Guid, string> _names = [];

    public async Task InitializeAsync()
    {
        await _database.SeedAsync(
            Named("mon-ok", Attempt(Monday.AddHours(10), LoginOutcome.Succeeded, "EXTERNAL_REQUEST")),
            Named("mon-rejected", Attempt(Monday.AddHours(11), LoginOutcome.CodeRejected, "EXTERNAL_REQUEST")),
            Named("tue-credentials", Attempt(Tuesday.AddHours(10), LoginOutcome.InvalidCredentials, handler: null)),
            Named("tue-ok", Attempt(Tuesday.AddHours(11), LoginOutcome.Succeeded, "GOOGLE_MSG")),
            Named("wed-timeout", Attempt(Wednesday.AddHours(10), LoginOutcome.PageTimeout, "GOOGLE_MSG")),
            Named("wed-running", Attempt(Wednesday.AddHours(11), outcome: null, "EXTERNAL_REQUEST")));
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task No_filter_shows_every_attempt_newest_first() =>
        Assert.Equal(["wed-running", "wed-timeout", "tue-ok", "tue-credentials", "mon-rejected", "mon-ok"], await MatchingAsync(AttemptFilter.All));

    [Fact]
    public async Task An_outcome_filter_shows_the_attempts_that_ended_so() =>
        Assert.Equal(["wed-timeout", "tue-credentials", "mon-rejected"], await MatchingAsync(new AttemptFilter
        {
            Outcomes = [LoginOutcome.PageTimeout, LoginOutcome.InvalidCredentials, LoginOutcome.CodeRejected],
        }));

    [Fact]
    public async Task An_empty_outcome_filter_filters_nothing() =>
        Assert.Equal(6, (await MatchingAsync(new AttemptFilter { Outcomes = [] })).Count);

    [Fact]
    public async Task From_includes_its_instant_and_To_excludes_its_own() =>
        Assert.Equal(["tue-ok", "tue-credentials"], await MatchingAsync(new AttemptFilter
        {
            From = new DateTimeOffset(Tuesday.AddHours(10)),
            To = new DateTimeOffset(Wednesday.AddHours(10)).ToOffset(TimeSpan.FromHours(-5)), // the same instant, written in New York
        }));

    [Fact]
    public async Task From_alone_shows_the_attempts_since() =>
        Assert.Equal(["wed-running", "wed-timeout"], await MatchingAsync(new AttemptFilter { From = new DateTimeOffset(Wednesday) }));

    [Fact]
    public async Task To_alone_shows_the_attempts_before() =>
        Assert.Equal(["mon-rejected", "mon-ok"], await MatchingAsync(new AttemptFilter { To = new DateTimeOffset(Tuesday) }));

    [Fact]
    public async Task A_handler_filter_matches_the_name_as_the_journal_stores_it() =>
        Assert.Equal(["wed-timeout", "tue-ok"], await MatchingAsync(new AttemptFilter { Handler = " google_msg " }));

    [Fact]
    public async Task Filters_combine()
    {
        var filter = new AttemptFilter
        {
            Outcomes = [LoginOutcome.Succeeded, LoginOutcome.PageTimeout],
            Handler = "GOOGLE_MSG",
            From = new DateTimeOffset(Tuesday),
            To = new DateTimeOffset(Wednesday),
        };

        Assert.Equal(["tue-ok"], await MatchingAsync(filter));
        Assert.Equal(["wed-timeout", "tue-ok"], await MatchingAsync(filter with { To = null }));
        Assert.Equal(["tue-ok"], await MatchingAsync(filter with { To = null, Outcomes = [LoginOutcome.Succeeded] }));
    }

    [Fact]
    public async Task The_total_counts_the_matching_attempts_on_every_page()
    {
        var history = new AttemptHistory(_database);
        var filter = new AttemptFilter { Outcomes = [LoginOutcome.Succeeded, LoginOutcome.CodeRejected, LoginOutcome.PageTimeout] };

        var first = await history.PageAsync(filter, AttemptPaging.First(size: 2));
        var second = await history.PageAsync(filter, AttemptPaging.Following(first.Next!, size: 2));

        Assert.Equal((4, 4), (first.Total, second.Total));
        Assert.Equal(["mon-rejected", "mon-ok"], second.Attempts.Select(a => _names[a.Id]));
    }

    private LoginAttempt Named(string name, LoginAttempt attempt)
    {
        _names[attempt.Id] = name;
        return attempt;
    }

    private async Task<List<string>> MatchingAsync(AttemptFilter filter)
    {
        var page = await new AttemptHistory(_database).PageAsync(filter, AttemptPaging.First());
        Assert.Equal(page.Attempts.Count, page.Total);
        return page.Attempts.Select(a => _names[a.Id]).ToList();
    }
}
