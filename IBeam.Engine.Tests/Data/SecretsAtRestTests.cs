using IBeam.Engine.Data;
using IBeam.Engine.Login;
using IBeam.Engine.Maintenance;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace IBeam.Engine.Tests.Data;

/// <summary>After a full sandbox login, neither the password nor the whole 2FA code is anywhere in the database file or the log.</summary>
public sealed class SecretsAtRestTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task A_full_login_leaves_no_password_and_no_whole_code_in_the_database_or_the_log()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox);

        Assert.True(await engine.Get<Authenticator>().MaintainAsync(LoginTrigger.Maintenance, CancellationToken.None));

        var code = sandbox.State.Inbox.Single().Text[^6..];
        var database = engine.Get<DatabaseLocation>().DatabasePath;
        await using (var context = DatabaseStartup.CreateContext(engine.Get<DatabaseLocation>()))
        {
            var attempt = await context.Attempts.SingleAsync();
            Assert.Equal(("EXTERNAL_REQUEST", "••••" + code[^2..]), (attempt.CodeSource, attempt.MaskedCode)); // the row was written
        }

        Assert.False(DatabaseFiles.Contain(database, SandboxAccount.Password));
        Assert.False(DatabaseFiles.Contain(database, code));
        Assert.DoesNotContain(SandboxAccount.Password, engine.Logs.Text);
        Assert.DoesNotContain(code, engine.Logs.Text);
    }
}
