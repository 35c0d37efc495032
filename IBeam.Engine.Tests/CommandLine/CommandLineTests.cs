using IBeam.Engine.Data;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.CommandLine;

/// <summary>The dashboard executable's command line, run as a separate process like an operator runs it.</summary>
public sealed class CommandLineTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ibeam-cli-").FullName;

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "IBEAM_REQUEST_TIMEOUT", "abc", "IBEAM_REQUEST_TIMEOUT must be a number of seconds" },
        { "IBEAM_MAINTENANCE_INTERVAL", "-5", "IBEAM_MAINTENANCE_INTERVAL must be at least 1" },
        { "IBEAM_AUTHENTICATION_STRATEGY", "C", "IBEAM_AUTHENTICATION_STRATEGY must be one of A, B" },
        { "IBEAM_TWO_FA_HANDLER", "SMOKE_SIGNALS", "IBEAM_TWO_FA_HANDLER must be one of CUSTOM_HANDLER, EXTERNAL_REQUEST" },
        { "IBEAM_EXTERNAL_REQUEST_HEADERS", "{\"X-Token\": ", "IBEAM_EXTERNAL_REQUEST_HEADERS is not valid JSON" },
        { "IBEAM_EXTERNAL_REQUEST_PARAMS", "[1, 2]", "IBEAM_EXTERNAL_REQUEST_PARAMS must be a JSON object" },
        { "IBEAM_MAX_FAILED_AUTH", "10", "IBEAM_MAX_FAILED_AUTH must be between 1 and 9" },
        { "IBEAM_START_ACTIVE", "maybe", "IBEAM_START_ACTIVE must be true or false" },
        { "IBEAM_GATEWAY_BASE_URL", "localhost:5000", "IBEAM_GATEWAY_BASE_URL must be an absolute http or https URL" },
        { "IBEAM_USER_NAME_EL", "XPATH@@//input", "IBEAM_USER_NAME_EL has the unknown kind 'XPATH'" },
        { "IBEAM_PASSWORD", "", "IBEAM_PASSWORD is not set" },
        { "IBEAM_SECRETS_SOURCE", "vault", "IBEAM_SECRETS_SOURCE must be one of ENV, FS" },
        { "IBEAM_EXTERNAL_REQUEST_URL", "", "IBEAM_EXTERNAL_REQUEST_URL must be set when IBEAM_TWO_FA_HANDLER is EXTERNAL_REQUEST" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_start_up_with_exit_code_2_and_names_the_variable(string variable, string value, string message)
    {
        var environment = OperatorEnvironment(fixture.Fresh());
        environment[variable] = value;

        var (exitCode, output, errors) = await DashboardProcess.RunAsync(_folder, environment, "--authenticate");

        Assert.True(exitCode == 2, $"exit code {exitCode}\n{output}\n{errors}");
        Assert.Contains(message, errors);
        AssertNoStackTrace(output + errors);
        Assert.Equal(0, fixture.Sandbox.State.Counters.CredentialSubmissions);
    }

    [Fact]
    public async Task Every_bad_setting_is_named_at_once()
    {
        var environment = OperatorEnvironment(fixture.Sandbox);
        environment["IBEAM_REQUEST_RETRIES"] = "two";
        environment["IBEAM_OAUTH_TIMEOUT"] = "soon";
        environment["IBEAM_PASSWORD"] = null;

        var (exitCode, _, errors) = await DashboardProcess.RunAsync(_folder, environment, "--authenticate");

        Assert.Equal(2, exitCode);
        Assert.Contains("IBEAM_REQUEST_RETRIES", errors);
        Assert.Contains("IBEAM_OAUTH_TIMEOUT", errors);
        Assert.Contains("IBEAM_PASSWORD", errors);
    }

    [Fact]
    public async Task The_web_dashboard_does_not_start_with_a_bad_setting()
    {
        var environment = OperatorEnvironment(fixture.Fresh());
        environment["IBEAM_MAINTENANCE_INTERVAL"] = "often";
        environment["IBEAM_HEALTH_SERVER_PORT"] = "0";

        var (exitCode, output, errors) = await DashboardProcess.RunAsync(_folder, environment, "--urls=http://127.0.0.1:0");

        Assert.True(exitCode == 2, $"exit code {exitCode}\n{output}\n{errors}");
        Assert.Contains("IBEAM_MAINTENANCE_INTERVAL", errors);
        AssertNoStackTrace(output + errors);
        Assert.DoesNotContain("IBeam dashboard:", output);
    }

    [Fact]
    public async Task A_database_that_cannot_be_used_stops_start_up_with_exit_code_2()
    {
        var notADatabase = Path.Combine(_folder, "notes.db");
        await File.WriteAllTextAsync(notADatabase, "not a database");
        var environment = OperatorEnvironment(fixture.Fresh());
        environment["IBEAM_DATABASE_PATH"] = notADatabase;

        var (exitCode, output, errors) = await DashboardProcess.RunAsync(_folder, environment, "--authenticate");

        Assert.True(exitCode == 2, $"exit code {exitCode}\n{output}\n{errors}");
        Assert.Contains("IBEAM_DATABASE_PATH", errors);
        Assert.Equal("not a database", await File.ReadAllTextAsync(notADatabase));
        Assert.Equal(0, fixture.Sandbox.State.Counters.CredentialSubmissions);
    }

    [Fact]
    public async Task A_bad_secret_is_named_but_never_shown()
    {
        var environment = OperatorEnvironment(fixture.Sandbox);
        environment["IBEAM_EXTERNAL_REQUEST_HEADERS"] = "{\"Authorization\": \"Bearer s3cr3t-t0ken";

        var (exitCode, output, errors) = await DashboardProcess.RunAsync(_folder, environment, "--check");

        Assert.Equal(2, exitCode);
        Assert.Contains("IBEAM_EXTERNAL_REQUEST_HEADERS", errors);
        Assert.DoesNotContain("s3cr3t-t0ken", errors + output);
    }

    [Fact]
    public async Task Authenticate_logs_in_to_a_gateway_with_only_IBeams_variables_and_exits_0()
    {
        var sandbox = fixture.Fresh();

        var (exitCode, output, errors) = await DashboardProcess.RunAsync(_folder, OperatorEnvironment(sandbox), "--authenticate");

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{output}\n{errors}");
        Assert.Contains("AUTHENTICATED", output);
        Assert.Equal(1, sandbox.State.Counters.SuccessfulLogins);

        // Neither the password nor the whole code is in what it printed, its log file, or its database (history and stored log).
        var code = sandbox.State.Inbox.Single().Text[^6..];
        var database = Path.Combine(_folder, "outputs", "ibeam.db");
        var logFile = Directory.GetFiles(Path.Combine(_folder, "outputs"), "ibeam_log_*.txt").Single();
        using (var context = DatabaseStartup.CreateContext(new DatabaseLocation(database)))
        {
            Assert.Contains(context.Logs.AsEnumerable(), l => l.Message.Contains("Client login succeeds", StringComparison.Ordinal));
        }

        foreach (var secret in new[] { SandboxAccount.Password, code })
        {
            Assert.DoesNotContain(secret, output + errors);
            Assert.DoesNotContain(secret, await File.ReadAllTextAsync(logFile));
            Assert.False(DatabaseFiles.Contain(database, secret));
        }
    }

    [Fact]
    public async Task Authenticate_exits_1_when_the_login_fails()
    {
        var sandbox = fixture.Fresh();
        var environment = OperatorEnvironment(sandbox);
        environment["IBEAM_PASSWORD"] = "wrong-password";

        var (exitCode, output, errors) = await DashboardProcess.RunAsync(_folder, environment, "-a");

        Assert.True(exitCode == 1, $"exit code {exitCode}\n{output}\n{errors}");
        Assert.DoesNotContain("wrong-password", output + errors);
        Assert.Equal(1, sandbox.State.Counters.ConsecutiveFailures);
    }

    [Fact]
    public async Task Check_and_tickle_report_the_status_in_their_exit_code()
    {
        var sandbox = fixture.Fresh();
        var environment = OperatorEnvironment(sandbox);

        var before = await DashboardProcess.RunAsync(_folder, environment, "--check");
        await DashboardProcess.RunAsync(_folder, environment, "--authenticate");
        var after = await DashboardProcess.RunAsync(_folder, environment, "-c");
        var tickle = await DashboardProcess.RunAsync(_folder, environment, "--tickle");

        Assert.Equal(1, before.ExitCode);
        Assert.Contains("NO SESSION", before.Output);
        Assert.Equal(0, after.ExitCode);
        Assert.Contains("AUTHENTICATED", after.Output);
        Assert.Equal(0, tickle.ExitCode);
    }

    [Fact]
    public async Task Check_needs_no_credentials()
    {
        var sandbox = fixture.Fresh();
        var environment = OperatorEnvironment(sandbox);
        environment.Remove("IBEAM_ACCOUNT");
        environment.Remove("IBEAM_PASSWORD");

        var (exitCode, output, errors) = await DashboardProcess.RunAsync(_folder, environment, "--check");

        Assert.True(exitCode == 1, $"exit code {exitCode}\n{output}\n{errors}");
        Assert.Contains("NO SESSION", output);
    }

    [Fact]
    public async Task Check_of_a_gateway_that_does_not_answer_says_not_running()
    {
        var environment = OperatorEnvironment(fixture.Sandbox);
        environment["IBEAM_GATEWAY_BASE_URL"] = "https://localhost:1";
        environment["IBEAM_REQUEST_RETRIES"] = "0";

        var (exitCode, output, _) = await DashboardProcess.RunAsync(_folder, environment, "--check");

        Assert.Equal(1, exitCode);
        Assert.Contains("NOT RUNNING", output);
    }

    [Fact]
    public async Task The_sandbox_flag_logs_in_to_the_built_in_sandbox()
    {
        var (exitCode, output, errors) = await DashboardProcess.RunAsync(_folder, new Dictionary<string, string?> { ["IBEAM_LOG_TO_FILE"] = "false" }, "--sandbox", "--authenticate");

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{output}\n{errors}");
        Assert.Contains("Sandbox gateway: https://localhost:", output);
        Assert.Contains("AUTHENTICATED", output);
    }

    [Theory]
    [InlineData("TOTP", "Totp")]
    [InlineData("NOTIFICATION_RESEND", "Push")]
    public async Task The_sandbox_meets_the_chosen_handler_with_the_2FA_step_it_can_answer(string handler, string sandboxStep)
    {
        var environment = new Dictionary<string, string?> { ["IBEAM_LOG_TO_FILE"] = "false", ["IBEAM_TWO_FA_HANDLER"] = handler };

        var (exitCode, output, errors) = await DashboardProcess.RunAsync(_folder, environment, "--sandbox", "--authenticate");

        Assert.True(exitCode == 0, $"{sandboxStep}: exit code {exitCode}\n{output}\n{errors}");
        Assert.Contains("AUTHENTICATED", output);
        Assert.DoesNotContain(SandboxAccount.TotpSecret, output + errors);
    }

    [Fact]
    public async Task Two_commands_at_once_are_refused()
    {
        var (exitCode, _, errors) = await DashboardProcess.RunAsync(_folder, OperatorEnvironment(fixture.Sandbox), "-a", "--check");

        Assert.Equal(2, exitCode);
        Assert.Contains("not several", errors);
    }

    [Fact]
    public async Task Settings_on_the_command_line_override_the_environment()
    {
        var sandbox = fixture.Fresh();
        var environment = OperatorEnvironment(sandbox);
        environment["IBEAM_GATEWAY_BASE_URL"] = "https://localhost:1";

        var (exitCode, output, errors) = await DashboardProcess.RunAsync(_folder, environment, "--check", $"--IBEAM_GATEWAY_BASE_URL={sandbox.GatewayUrl}");

        Assert.True(exitCode == 1, $"exit code {exitCode}\n{output}\n{errors}");
        Assert.Contains("NO SESSION", output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Dictionary<string, string?> OperatorEnvironment(SandboxGateway sandbox) => Shared.OperatorEnvironment.For(sandbox);

    /// <summary>An operator's mistake gets the message, not a stack trace that buries it.</summary>
    private static void AssertNoStackTrace(string text) =>
        Assert.False(text.Contains("\n   at ", StringComparison.Ordinal), "a stack trace was printed:\n" + text);
}
