using IBeam.Engine.Operators;
using IBeam.Engine.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IBeam.Engine.Tests.Operators;

public sealed class OperatorAuditTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task Actions_are_kept_with_who_did_them_and_read_back_newest_first()
    {
        var audit = new OperatorAudit(_database.Contexts, _time, NullLogger<OperatorAudit>.Instance);

        await audit.RecordAsync(new OperatorIdentity("operator", OperatorOrigin.Dashboard, "10.0.0.7"), "Deactivate", succeeded: true, "gateway stopped");
        _time.Advance(TimeSpan.FromMinutes(1));
        await audit.RecordAsync(new OperatorIdentity("api", OperatorOrigin.Api), "SubmitCode", succeeded: false, new string('x', 2000));

        var recent = await audit.RecentAsync(10);

        Assert.Collection(recent,
            newest =>
            {
                Assert.Equal(("api", "Api", "SubmitCode", false), (newest.Operator, newest.Origin, newest.Action, newest.Succeeded));
                Assert.Equal(1024, newest.Detail!.Length);
            },
            oldest =>
            {
                Assert.Equal(("operator", "Dashboard", "Deactivate", true, "10.0.0.7"), (oldest.Operator, oldest.Origin, oldest.Action, oldest.Succeeded, oldest.RemoteAddress));
                Assert.Equal(new DateTime(2026, 12, 3, 9, 30, 0, DateTimeKind.Utc), oldest.At);
            });
    }

    [Fact]
    public async Task An_unwritable_database_loses_the_record_but_not_the_action()
    {
        var audit = new OperatorAudit(_database.Contexts, _time, NullLogger<OperatorAudit>.Instance);
        await using (var db = await _database.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE OperatorActions");
        }

        await audit.RecordAsync(OperatorIdentity.CommandLine, "LogInNow", succeeded: true);
    }

    public void Dispose() => _database.Dispose();
}
