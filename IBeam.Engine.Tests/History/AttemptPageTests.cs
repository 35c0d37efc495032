using IBeam.Engine.Data.Entities;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.Login;
using IBeam.Engine.Tests.Shared;
using static IBeam.Engine.Tests.Shared.AttemptData;

namespace IBeam.Engine.Tests.History;

public sealed class AttemptPageTests : IDisposable
{
    private readonly TempDatabase _database = new();

    private AttemptHistory History => new(_database);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task An_empty_database_gives_an_empty_page()
    {
        var page = await History.PageAsync(AttemptFilter.All, AttemptPaging.First());

        Assert.Empty(page.Attempts);
        Assert.Equal(0, page.Total);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Pages_are_newest_first_and_together_hold_every_attempt_once()
    {
        await _database.SeedAsync(EveryMinute(Monday, 25));

        var pages = new List<AttemptPage>();
        for (var index = 0; index < 3; index++)
        {
            pages.Add(await History.PageAsync(AttemptFilter.All, AttemptPaging.Number(index, size: 10)));
        }

        Assert.Equal([10, 10, 5], pages.Select(p => p.Attempts.Count));
        Assert.All(pages, p => Assert.Equal(25, p.Total));
        var starts = pages.SelectMany(p => p.Attempts).Select(a => a.StartedAt).ToList();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => Monday.AddMinutes(24 - i)), starts);
        Assert.NotNull(pages[1].Next);
        Assert.Null(pages[2].Next);
    }

    [Theory]
    [InlineData(0, 45)]
    [InlineData(2, 30)] // several outcomes: each outcome's newest are read apart, then merged
    public async Task Following_a_cursor_reads_the_same_pages_as_numbers_do(int outcomes, int matching)
    {
        LoginOutcome[] cycle = [LoginOutcome.Succeeded, LoginOutcome.CodeRejected, LoginOutcome.PageTimeout];
        await _database.SeedAsync(Enumerable.Range(0, 45).Select(i => Attempt(Monday.AddMinutes(i), cycle[i % 3])));
        var filter = new AttemptFilter { Outcomes = cycle[1..(1 + outcomes)] };

        var numbered = new List<AttemptView>();
        for (var index = 0; index * 10 < matching; index++)
        {
            numbered.AddRange((await History.PageAsync(filter, AttemptPaging.Number(index, size: 10))).Attempts);
        }

        var followed = new List<AttemptView>();
        var page = await History.PageAsync(filter, AttemptPaging.First(size: 10));
        followed.AddRange(page.Attempts);
        while (page.Next is { } next)
        {
            page = await History.PageAsync(filter, AttemptPaging.Following(next, size: 10));
            followed.AddRange(page.Attempts);
        }

        Assert.Equal(matching, page.Total);
        Assert.Equal(numbered.Select(a => a.Id), followed.Select(a => a.Id));
        Assert.Equal(matching, followed.DistinctBy(a => a.Id).Count());
        Assert.Equal(followed.Select(a => a.StartedAt).OrderDescending(), followed.Select(a => a.StartedAt));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Attempts_that_started_at_the_same_time_are_neither_skipped_nor_repeated(bool severalOutcomes)
    {
        await _database.SeedAsync(Enumerable.Range(0, 8).Select(i => Attempt(Monday, i % 2 == 0 ? LoginOutcome.CodeRejected : LoginOutcome.PageError)));
        var filter = severalOutcomes ? new AttemptFilter { Outcomes = [LoginOutcome.CodeRejected, LoginOutcome.PageError] } : AttemptFilter.All;

        var seen = new List<Guid>();
        AttemptCursor? next = null;
        do
        {
            var page = await History.PageAsync(filter, next is null ? AttemptPaging.First(size: 3) : AttemptPaging.Following(next, size: 3));
            seen.AddRange(page.Attempts.Select(a => a.Id));
            next = page.Next;
        }
        while (next is not null);

        Assert.Equal(8, seen.Distinct().Count());
        Assert.Equal(8, seen.Count);
    }

    [Fact]
    public async Task Each_attempt_comes_with_its_steps_in_time_order()
    {
        var attempt = Attempt(Monday, LoginOutcome.Succeeded);
        attempt.Steps =
        [
            new LoginAttemptStep { Step = LoginStep.Finished, At = Monday.AddSeconds(3) },
            new LoginAttemptStep { Step = LoginStep.Starting, At = Monday },
            new LoginAttemptStep { Step = LoginStep.CodeObtained, At = Monday.AddSeconds(2), Detail = "••••42 from EXTERNAL_REQUEST" },
            new LoginAttemptStep { Step = LoginStep.PageLoaded, At = Monday.AddSeconds(1) },
        ];
        await _database.SeedAsync(attempt, Attempt(Monday.AddMinutes(1), LoginOutcome.PageTimeout));

        var page = await History.PageAsync(AttemptFilter.All, AttemptPaging.First());

        var view = Assert.Single(page.Attempts, a => a.Id == attempt.Id);
        Assert.Equal([LoginStep.Starting, LoginStep.PageLoaded, LoginStep.CodeObtained, LoginStep.Finished], view.Steps.Select(s => s.Step));
        Assert.Equal("••••42 from EXTERNAL_REQUEST", view.Steps[2].Detail);
        Assert.Equal(TimeSpan.FromSeconds(3), view.Duration);
        Assert.Equal([LoginStep.Starting, LoginStep.Finished], page.Attempts[0].Steps.Select(s => s.Step));
    }

    [Fact]
    public async Task An_attempt_still_running_is_shown_without_an_outcome_or_a_duration()
    {
        await _database.SeedAsync(Attempt(Monday, outcome: null));

        var view = Assert.Single((await History.PageAsync(AttemptFilter.All, AttemptPaging.First())).Attempts);

        Assert.Null(view.Outcome);
        Assert.Null(view.Duration);
        Assert.Equal(DateTimeKind.Utc, view.StartedAt.Kind);
    }

    [Fact]
    public async Task A_whole_code_that_reached_the_store_is_masked_when_read()
    {
        var attempt = Attempt(Monday);
        attempt.MaskedCode = "123456";
        await _database.SeedAsync(attempt);

        var view = Assert.Single((await History.PageAsync(AttemptFilter.All, AttemptPaging.First())).Attempts);

        Assert.Equal("••••56", view.MaskedCode);
    }

    [Fact]
    public void A_page_size_outside_one_to_the_maximum_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AttemptPaging.First(size: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => AttemptPaging.First(size: AttemptPaging.MaxSize + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AttemptPaging.Number(-1));
    }
}
