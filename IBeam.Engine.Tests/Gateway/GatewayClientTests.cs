using System.Diagnostics;
using IBeam.Engine.Gateway;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Gateway;

/// <summary>
/// GatewayClient against the sandbox gateway over real HTTPS: every answer gateway.md records,
/// the faults IBKR plays (5xx, garbage, silence, a dropped connection), retries, and the
/// operator's cacert.pem verification.
/// </summary>
public sealed class GatewayClientTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    // Status shapes

    [Fact]
    public async Task A_401_answer_is_no_session()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox);

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal("NO SESSION", status.Label);
        Assert.True(status.Running);
        Assert.Null(status.Error); // an expected answer, not a fault
        Assert.Equal(1, sandbox.State.Counters.Tickles);
    }

    [Fact]
    public async Task A_200_answer_with_error_no_session_is_no_session()
    {
        var sandbox = fixture.Fresh(s => s with { NoSessionAs200 = true });
        await using var engine = EngineHarness.Create(sandbox);

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal("NO SESSION", status.Label);
        Assert.True(status.Running);
        Assert.False(status.Session);
        Assert.DoesNotContain(engine.Logs.Lines, l => l.StartsWith("Error|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_logged_in_session_is_authenticated_with_its_id_server_and_expiry()
    {
        var sandbox = WithSession();
        await using var engine = EngineHarness.Create(sandbox);

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal("AUTHENTICATED", status.Label);
        Assert.True(status.IsHealthy);
        Assert.Equal(sandbox.State.Session!.Id, status.SessionId);
        Assert.Equal("SandboxC1", status.ServerName);
        Assert.StartsWith("Build ", status.ServerVersion);
        Assert.InRange(status.Expires!.Value.TotalSeconds, 300, 360); // the sandbox's idle timeout is 360 s
        Assert.False(status.Collision);
    }

    [Fact]
    public async Task The_status_tickles_the_session_alive()
    {
        var sandbox = WithSession();
        var before = sandbox.State.Session!.LastActivity;
        await using var engine = EngineHarness.Create(sandbox);

        await Task.Delay(50);
        await engine.Get<GatewayClient>().TickleAsync(CancellationToken.None);

        Assert.True(sandbox.State.Session!.LastActivity > before);
    }

    [Fact]
    public async Task A_competing_session_is_reported_competing_and_not_healthy()
    {
        var sandbox = WithSession();
        sandbox.State.MakeCompeting();
        await using var engine = EngineHarness.Create(sandbox);

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.True(status.Session);
        Assert.True(status.Competing);
        Assert.False(status.IsHealthy);

        // The sandbox disconnects a session another login took over; IBeam's order puts NOT CONNECTED first.
        Assert.False(status.Connected);
        Assert.Equal("NOT CONNECTED", status.Label);
    }

    [Fact]
    public async Task A_session_whose_brokerage_dropped_is_not_authenticated()
    {
        var sandbox = WithSession();
        sandbox.State.DropBrokerage();
        await using var engine = EngineHarness.Create(sandbox);

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal("NOT AUTHENTICATED", status.Label);
        Assert.True(status.Connected);
        Assert.False(status.IsHealthy);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_5xx_answer_is_no_session_with_the_code_in_its_error(int code)
    {
        var sandbox = fixture.Fresh(s => s with { Fail500 = code == 500, Fail503 = code == 503 });
        await using var engine = EngineHarness.Create(sandbox);

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal("NO SESSION", status.Label);
        Assert.True(status.Running); // IBKR restarting: the gateway itself is there
        Assert.True(status.RetryLater); // nothing to judge the session by: the engine tries again later
        Assert.Contains(code.ToString(), status.Error);
    }

    [Fact]
    public async Task A_garbage_answer_is_no_session_and_an_error_in_the_log()
    {
        var sandbox = fixture.Fresh(s => s with { GarbageJson = true });
        await using var engine = EngineHarness.Create(sandbox);

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal("NO SESSION", status.Label);
        Assert.Contains("unreadable answer from /v1/api/tickle", status.Error);
        Assert.True(status.RetryLater);
        Assert.Contains(engine.Logs.Lines, l => l.StartsWith("Error|IBeam.Engine.Gateway.GatewayClient|Gateway answer from /v1/api/tickle could not be read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_gateway_that_drops_connections_is_not_running()
    {
        var sandbox = fixture.Fresh(s => s with { Down = true });
        await using var engine = EngineHarness.Create(sandbox);

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal("NOT RUNNING", status.Label);
        Assert.False(status.Running);
        Assert.NotNull(status.Error);
    }

    [Fact]
    public async Task Nothing_listening_at_the_base_URL_is_not_running()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_GATEWAY_BASE_URL", $"https://localhost:{FreePort.Next()}"), ("IBEAM_REQUEST_RETRIES", "0"));

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal("NOT RUNNING", status.Label);
        Assert.NotNull(status.Error);
    }

    [Fact]
    public async Task An_answer_slower_than_IBEAM_REQUEST_TIMEOUT_is_given_up_on()
    {
        var sandbox = fixture.Fresh(s => s with { DelayMs = 10_000 });
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_REQUEST_TIMEOUT", "0.5"), ("IBEAM_REQUEST_RETRIES", "0"));
        var clock = Stopwatch.StartNew();

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.False(status.Session);
        Assert.Contains("IBEAM_REQUEST_TIMEOUT", status.Error);
        Assert.Contains(engine.Logs.Lines, l => l.StartsWith("Warning|", StringComparison.Ordinal) && l.Contains("consider raising IBEAM_REQUEST_TIMEOUT"));
        Assert.Equal(0, sandbox.State.Counters.Tickles); // the delayed request never reached the tickle
    }

    // Labels

    [Fact]
    public void Labels_follow_IBeams_order()
    {
        var running = new GatewayStatus { Running = true };
        var session = running with { Session = true };
        var connected = session with { Connected = true };

        // Each line has every flag of the lines below it that could compete for the label.
        (GatewayStatus Status, string Label)[] cases =
        [
            (new GatewayStatus { Session = true, Connected = true, Authenticated = true }, "NOT RUNNING"),
            (running with { Connected = true, Authenticated = true, Competing = true }, "NO SESSION"),
            (session with { Authenticated = true, Competing = true, Collision = true }, "NOT CONNECTED"),
            (connected with { Authenticated = true, Competing = true, Collision = true }, "COMPETING"),
            (connected with { Authenticated = true, Collision = true }, "COLLISION"),
            (connected with { Authenticated = true }, "AUTHENTICATED"),
            (connected, "NOT AUTHENTICATED"),
        ];

        Assert.All(cases, c => Assert.Equal(c.Label, c.Status.Label));
    }

    [Fact]
    public async Task A_tickle_reporting_a_collision_is_labelled_collision()
    {
        // IBKR spells it "collission"; the sandbox never collides, so the tickle route points at its echo.
        var sandbox = fixture.Fresh();
        const string tickle = """{"session":"c0ffee","ssoExpires":585695,"collission":true,"iserver":{"authStatus":{"authenticated":true,"competing":false,"connected":true}}}""";
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_ROUTE_TICKLE", Echo(tickle)));

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal("COLLISION", status.Label);
        Assert.Equal("c0ffee", status.SessionId);
        Assert.Equal(TimeSpan.FromMilliseconds(585695), status.Expires);
    }

    [Fact]
    public async Task A_tickle_without_iserver_is_completed_by_the_auth_status_call()
    {
        // Some gateway versions leave iserver out of the tickle.
        var sandbox = WithSession();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_ROUTE_TICKLE", Echo("""{"session":"abc123","ssoExpires":90000,"collission":false}""")));

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal("AUTHENTICATED", status.Label);
        Assert.Equal("abc123", status.SessionId);
        Assert.Equal("SandboxC1", status.ServerName); // from the auth status answer
    }

    [Fact]
    public async Task A_tickle_without_iserver_and_no_auth_status_session_is_no_session()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_ROUTE_TICKLE", Echo("""{"session":"abc123"}""")));

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal("NO SESSION", status.Label);
    }

    // Retries

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    public async Task A_503_tickle_is_sent_once_plus_IBEAM_REQUEST_RETRIES_times(int retries, int sent)
    {
        var sandbox = fixture.Fresh(s => s with { Fail503 = true });
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_REQUEST_RETRIES", retries.ToString()));

        await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal(sent, sandbox.State.Counters.FaultedRequests);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        var sandbox = fixture.Fresh(s => s with { Down = true });
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_REQUEST_RETRIES", "2"));

        await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal(3, sandbox.State.Counters.FaultedRequests);
    }

    [Fact]
    public async Task Each_attempt_gets_its_own_timeout()
    {
        var sandbox = fixture.Fresh(s => s with { DelayMs = 10_000 });
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_REQUEST_TIMEOUT", "0.5"), ("IBEAM_REQUEST_RETRIES", "2"));
        var clock = Stopwatch.StartNew();

        await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal(3, sandbox.State.Counters.FaultedRequests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task No_session_is_an_answer_and_is_not_retried()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_REQUEST_RETRIES", "2"));

        await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal(1, sandbox.State.Counters.Tickles);
        Assert.Equal(0, sandbox.State.Counters.FaultedRequests);
    }

    [Fact]
    public async Task A_garbage_answer_is_not_retried()
    {
        // Asking again would only read the same garbage.
        var sandbox = fixture.Fresh(s => s with { GarbageJson = true });
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_REQUEST_RETRIES", "2"));

        await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal(1, sandbox.State.Counters.FaultedRequests);
    }

    // Session calls

    [Fact]
    public async Task Validate_returns_the_SSO_user_and_expiry()
    {
        var sandbox = WithSession();
        await using var engine = EngineHarness.Create(sandbox);

        var validation = await engine.Get<GatewayClient>().ValidateAsync(CancellationToken.None);

        Assert.NotNull(validation);
        Assert.True(validation.Result);
        Assert.Equal(SandboxAccount.UserName, validation.UserName);
        Assert.InRange(validation.Expires!.Value.TotalSeconds, 300, 360);
        Assert.Equal(1, sandbox.State.Counters.Validations);
    }

    [Fact]
    public async Task Without_a_session_validate_reauthenticate_and_initialise_report_nothing_done()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox);
        var client = engine.Get<GatewayClient>();

        Assert.Null(await client.ValidateAsync(CancellationToken.None));
        Assert.False(await client.ReauthenticateAsync(CancellationToken.None));
        Assert.False(await client.InitialiseAsync(CancellationToken.None));

        // Each call reached its endpoint once, by its default route.
        var counters = sandbox.State.Counters;
        Assert.Equal((1, 1, 1), (counters.Validations, counters.Reauthentications, counters.Initialisations));
    }

    [Fact]
    public async Task Logout_is_confirmed_and_leaves_a_disconnected_session()
    {
        var sandbox = WithSession();
        await using var engine = EngineHarness.Create(sandbox);
        var client = engine.Get<GatewayClient>();

        Assert.True(await client.LogoutAsync(CancellationToken.None));

        Assert.Equal(1, sandbox.State.Counters.Logouts);
        Assert.Equal("NOT CONNECTED", (await client.GetStatusAsync(CancellationToken.None)).Label);
    }

    [Fact]
    public async Task Reauthenticate_is_triggered_and_restores_the_brokerage_session()
    {
        var sandbox = WithSession();
        sandbox.State.DropBrokerage();
        await using var engine = EngineHarness.Create(sandbox);
        var client = engine.Get<GatewayClient>();

        Assert.True(await client.ReauthenticateAsync(CancellationToken.None));

        Assert.Equal(1, sandbox.State.Counters.Reauthentications);
        Assert.Equal("AUTHENTICATED", (await client.GetStatusAsync(CancellationToken.None)).Label);
    }

    [Fact]
    public async Task Initialise_reports_the_brokerage_session_authenticated()
    {
        var sandbox = WithSession();
        sandbox.State.DropBrokerage();
        await using var engine = EngineHarness.Create(sandbox);
        var client = engine.Get<GatewayClient>();

        Assert.True(await client.InitialiseAsync(CancellationToken.None));

        Assert.Equal(1, sandbox.State.Counters.Initialisations);
        Assert.Equal("AUTHENTICATED", (await client.GetStatusAsync(CancellationToken.None)).Label);
    }

    [Theory]
    [InlineData("""{"status":true}""", true)]
    [InlineData("""{"confirmed":true}""", true)] // the shape some versions document
    [InlineData("""{"status":false}""", false)]
    [InlineData("""{}""", false)]
    public async Task Logout_accepts_both_documented_confirmations(string answer, bool confirmed)
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_ROUTE_LOGOUT", Echo(answer)));

        Assert.Equal(confirmed, await engine.Get<GatewayClient>().LogoutAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("""{"passed":true,"authenticated":true,"connected":true,"competing":false}""", true)]
    [InlineData("""{"authenticated":true,"competing":false,"connected":true,"message":"","fail":""}""", true)] // the auth status shape
    [InlineData("""{"passed":false,"authenticated":false}""", false)]
    public async Task Initialise_accepts_both_documented_answers(string answer, bool initialised)
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_ROUTE_INITIALISE", Echo(answer)));

        Assert.Equal(initialised, await engine.Get<GatewayClient>().InitialiseAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Session_calls_report_nothing_done_when_the_gateway_fails()
    {
        var sandbox = WithSession();
        sandbox.State.SetScenario(s => s with { Fail503 = true });
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_REQUEST_RETRIES", "0"));
        var client = engine.Get<GatewayClient>();

        Assert.Null(await client.ValidateAsync(CancellationToken.None));
        Assert.False(await client.ReauthenticateAsync(CancellationToken.None));
        Assert.False(await client.LogoutAsync(CancellationToken.None));
        Assert.False(await client.InitialiseAsync(CancellationToken.None));
        Assert.Equal(4, engine.Logs.Lines.Count(l => l.StartsWith("Warning|", StringComparison.Ordinal) && l.Contains("with HTTP 503")));
    }

    [Fact]
    public async Task Session_calls_survive_a_garbage_answer()
    {
        var sandbox = WithSession();
        sandbox.State.SetScenario(s => s with { GarbageJson = true });
        await using var engine = EngineHarness.Create(sandbox);
        var client = engine.Get<GatewayClient>();

        Assert.Null(await client.ValidateAsync(CancellationToken.None));
        Assert.False(await client.LogoutAsync(CancellationToken.None));
        Assert.False(await client.InitialiseAsync(CancellationToken.None));
        Assert.Equal(3, engine.Logs.Lines.Count(l => l.StartsWith("Error|", StringComparison.Ordinal) && l.Contains("could not be read")));
    }

    // Certificates

    [Fact]
    public async Task Without_cacert_files_the_gateways_self_signed_certificate_is_accepted()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox);

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.True(status.Running);
        Assert.False(engine.Get<GatewayCertificates>().Verifies);
    }

    [Fact]
    public async Task With_cacert_files_a_gateway_certificate_signed_by_that_authority_is_accepted()
    {
        var (authority, server) = SandboxCertificate.CreateWithAuthority();
        await using var secured = await SandboxGateway.StartAsync(certificate: server);
        await using var engine = EngineHarness.Create(secured);
        WriteInputs(engine, authority.ExportCertificatePem(), jks: true);

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.True(engine.Get<GatewayCertificates>().Verifies);
        Assert.Equal("NO SESSION", status.Label);
        Assert.Equal(1, secured.State.Counters.Tickles);
    }

    [Fact]
    public async Task With_cacert_files_a_certificate_from_another_authority_is_refused()
    {
        var (_, server) = SandboxCertificate.CreateWithAuthority();
        var (otherAuthority, _) = SandboxCertificate.CreateWithAuthority();
        await using var secured = await SandboxGateway.StartAsync(certificate: server);
        await using var engine = EngineHarness.Create(secured, ("IBEAM_REQUEST_RETRIES", "0"));
        WriteInputs(engine, otherAuthority.ExportCertificatePem(), jks: true);

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal("NOT RUNNING", status.Label);
        Assert.Contains("SSL", status.Error);
        Assert.Equal(0, secured.State.Counters.Tickles); // refused at the handshake: no request was sent
    }

    [Fact]
    public async Task With_cacert_files_the_gateways_own_self_signed_certificate_is_refused()
    {
        // Once the operator supplies a certificate, a gateway still using vertx.jks is not trusted.
        var (authority, _) = SandboxCertificate.CreateWithAuthority();
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_REQUEST_RETRIES", "0"));
        WriteInputs(engine, authority.ExportCertificatePem(), jks: true);

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.Equal("NOT RUNNING", status.Label);
    }

    [Fact]
    public async Task A_cacert_pem_without_cacert_jks_verifies_nothing()
    {
        // IBeam verifies only when both files are there (the gateway serves cacert.jks).
        var (otherAuthority, _) = SandboxCertificate.CreateWithAuthority();
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox);
        WriteInputs(engine, otherAuthority.ExportCertificatePem(), jks: false);

        var status = await engine.Get<GatewayClient>().GetStatusAsync(CancellationToken.None);

        Assert.False(engine.Get<GatewayCertificates>().Verifies);
        Assert.Equal("NO SESSION", status.Label);
    }

    // Helpers

    /// <summary>A fresh sandbox with an authenticated session, opened by the login page's own call (no browser needed without 2FA).</summary>
    private SandboxGateway WithSession()
    {
        var sandbox = fixture.Fresh(s => s with { TwoFactor = SandboxTwoFactor.None });
        Assert.Equal("success", sandbox.State.SubmitCredentials(SandboxAccount.UserName, SandboxAccount.Password, false).Result);
        return sandbox;
    }

    /// <summary>A route on the gateway port that answers <paramref name="body"/>: an answer shape the sandbox does not produce.</summary>
    private static string Echo(string body) => "/sandbox/echo?body=" + Uri.EscapeDataString(body);

    /// <summary>Writes the operator's cacert files; done before the client is first resolved, which reads them.</summary>
    private static void WriteInputs(EngineHarness engine, string pem, bool jks)
    {
        var inputs = engine.Options.Gateway.InputsDirectory;
        Directory.CreateDirectory(inputs);
        File.WriteAllText(Path.Combine(inputs, "cacert.pem"), pem);
        if (jks)
        {
            File.WriteAllBytes(Path.Combine(inputs, "cacert.jks"), [0xFE, 0xED, 0xFE, 0xED]); // the gateway's keystore; IBeam only copies it
        }
    }
}
