using System.Text;
using IBeam.Engine.Configuration;
using IBeam.Engine.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Tests.Configuration;

/// <summary>
/// The IBEAM_* settings as the host reads them: the engine wired with AddIBeamEngine over a
/// configuration, and IOptions&lt;IBeamOptions&gt;.Value, which reads and validates them.
/// </summary>
public sealed class SettingsTests : IDisposable
{
    private const string Account = "ibkr-user-7";
    private const string Password = "correct horse battery staple";

    private readonly string _folder = Directory.CreateTempSubdirectory("ibeam-settings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Defaults

    [Theory]
    [InlineData("IBEAM_GATEWAY_BASE_URL", "https://localhost:5000")]
    [InlineData("IBEAM_GATEWAY_DIR", "")]
    [InlineData("IBEAM_GATEWAY_STARTUP", "20")]
    [InlineData("IBEAM_GATEWAY_PROCESS_MATCH", "ibgroup.web.core.clientportal.gw.GatewayStart")]
    [InlineData("IBEAM_INPUTS_DIR", "/srv/inputs")]
    [InlineData("IBEAM_START_ACTIVE", "true")]
    [InlineData("IBEAM_MAINTENANCE_INTERVAL", "60")]
    [InlineData("IBEAM_REQUEST_RETRIES", "2")]
    [InlineData("IBEAM_REQUEST_TIMEOUT", "15")]
    [InlineData("IBEAM_RESTART_FAILED_SESSIONS", "true")]
    [InlineData("IBEAM_RESTART_WAIT", "15")]
    [InlineData("IBEAM_REAUTHENTICATE_WAIT", "15")]
    [InlineData("IBEAM_MAX_STATUS_CHECK_RETRIES", "120")]
    [InlineData("IBEAM_MAX_REAUTHENTICATE_RETRIES", "3")]
    [InlineData("IBEAM_AUTHENTICATION_STRATEGY", "B")]
    [InlineData("IBEAM_ROUTE_AUTH", "/sso/Login?forwardTo=22&RL=1&ip2loc=on")]
    [InlineData("IBEAM_ROUTE_TICKLE", "/v1/api/tickle")]
    [InlineData("IBEAM_ROUTE_AUTH_STATUS", "/v1/api/iserver/auth/status")]
    [InlineData("IBEAM_ROUTE_VALIDATE", "/v1/portal/sso/validate")]
    [InlineData("IBEAM_ROUTE_REAUTHENTICATE", "/v1/portal/iserver/reauthenticate?force=true")]
    [InlineData("IBEAM_ROUTE_INITIALISE", "/v1/api/iserver/auth/ssodh/init")]
    [InlineData("IBEAM_ROUTE_LOGOUT", "/v1/api/logout")]
    [InlineData("IBEAM_USE_PAPER_ACCOUNT", "false")]
    [InlineData("IBEAM_OAUTH_TIMEOUT", "15")]
    [InlineData("IBEAM_PAGE_LOAD_TIMEOUT", "15")]
    [InlineData("IBEAM_ERROR_SCREENSHOTS", "false")]
    [InlineData("IBEAM_MAX_FAILED_AUTH", "5")]
    [InlineData("IBEAM_COUNT_TIMEOUT_AS_FAILED", "false")]
    [InlineData("IBEAM_MAX_IMMEDIATE_ATTEMPTS", "10")]
    [InlineData("IBEAM_PASSWORD_EL", "NAME@@password")]
    [InlineData("IBEAM_SUCCESS_EL_TEXT", "TAG_NAME@@Client login succeeds")]
    [InlineData("IBEAM_TWO_FA_EL_ID", "ID@@twofactbase")]
    [InlineData("IBEAM_TWO_FA_NOTIFICATION_EL", "CLASS_NAME@@login-step-notification")]
    [InlineData("IBEAM_IBKEY_PROMO_EL_CLASS", "CLASS_NAME@@ibkey-promo-skip")]
    [InlineData("IBEAM_LIVE_PAPER_TOGGLE_EL", "FOR@@toggle1")]
    [InlineData("IBEAM_TWO_FA_HANDLER", "")]
    [InlineData("IBEAM_STRICT_TWO_FA_CODE", "true")]
    [InlineData("IBEAM_TWO_FA_SELECT_TARGET", "IB Key")]
    [InlineData("IBEAM_EXTERNAL_REQUEST_METHOD", "GET")]
    [InlineData("IBEAM_EXTERNAL_REQUEST_URL", "")]
    [InlineData("IBEAM_EXTERNAL_REQUEST_TIMEOUT", "300")]
    [InlineData("IBEAM_CUSTOM_TWO_FA_HANDLER", "custom_two_fa_handler.CustomTwoFaHandler")]
    [InlineData("IBEAM_NOTIFICATION_RESEND_RETRIES", "10")]
    [InlineData("IBEAM_NOTIFICATION_RESEND_INTERVAL", "10")]
    [InlineData("IBEAM_TOTP_SECRET", "")]
    [InlineData("IBEAM_TOTP_EXPIRY_BUFFER_SECONDS", "8")]
    [InlineData("IBEAM_SECRETS_SOURCE", "env")]
    [InlineData("IBEAM_KEY", "")]
    [InlineData("IBEAM_LOG_LEVEL", "INFO")]
    [InlineData("IBEAM_LOG_TO_FILE", "true")]
    public void Each_default_is_IBeams(string name, string ibeamDefault)
    {
        var descriptor = Descriptor(name);
        var options = Read(logsIn: false);

        // IBeam's default text, read as the operator's own value would be, equals what the engine uses.
        var expected = ibeamDefault.Length == 0 ? null : Parse(descriptor, ibeamDefault);
        Assert.Equal(expected, descriptor.GetValue(options));
        Assert.Equal(expected, descriptor.GetValue(new IBeamOptions()));
    }

    [Fact]
    public void Nothing_set_leaves_every_setting_at_its_documented_default()
    {
        var options = Read(logsIn: false);

        // DefaultText is what the dashboard and --help show; the reader must not move any value away from it.
        Assert.All(SettingDescriptor.All, d => Assert.Equal(d.DefaultText, SettingValueText.Format(d.GetValue(options))));
    }

    [Fact]
    public void Every_setting_has_a_unique_IBEAM_name_and_a_description()
    {
        var names = SettingDescriptor.All.Select(d => d.Name).ToList();

        Assert.All(names, n => Assert.StartsWith("IBEAM_", n, StringComparison.Ordinal));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(SettingDescriptor.All, d => Assert.False(string.IsNullOrWhiteSpace(d.Setting.Description), d.Name));
    }

    [Theory]
    [InlineData("IBEAM_ACCOUNT")]
    [InlineData("IBEAM_PASSWORD")]
    [InlineData("IBEAM_KEY")]
    [InlineData("IBEAM_EXTERNAL_REQUEST_HEADERS")] // carries API tokens
    [InlineData("IBEAM_TOTP_SECRET")] // makes every code
    public void Settings_that_hold_secrets_are_marked_secret(string name)
    {
        Assert.True(Descriptor(name).Setting.Secret);
    }

    // Values

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    [InlineData("True", true)]
    [InlineData("FALSE", false)]
    [InlineData(" Yes ", true)]
    public void Booleans_accept_the_words_IBeam_accepts(string text, bool expected)
    {
        // One setting defaults to false and one to true, so a value left at its default cannot pass.
        var options = Read(logsIn: false, ("IBEAM_USE_PAPER_ACCOUNT", text), ("IBEAM_START_ACTIVE", text));

        Assert.Equal(expected, options.Login.UsePaperAccount);
        Assert.Equal(expected, options.Maintenance.StartActive);
    }

    [Fact]
    public void Values_of_every_kind_are_read_into_the_options()
    {
        var options = Read(logsIn: true,
            ("IBEAM_GATEWAY_BASE_URL", "https://gateway.internal:5443"),
            ("IBEAM_MAINTENANCE_INTERVAL", "30.5"),
            ("IBEAM_REQUEST_RETRIES", "4"),
            ("IBEAM_AUTHENTICATION_STRATEGY", "a"),
            ("IBEAM_LOG_LEVEL", "debug"),
            ("IBEAM_ROUTE_TICKLE", "/v2/tickle"),
            ("IBEAM_TWO_FA_INPUT_EL_ID", "ID@@xyz-field-silver-response"),
            ("IBEAM_TWO_FA_HANDLER", "external_request"),
            ("IBEAM_EXTERNAL_REQUEST_URL", "http://phone.local/code"),
            ("IBEAM_EXTERNAL_REQUEST_HEADERS", "{\"Authorization\": \"Bearer abc\", \"X-Retries\": 3}"));

        Assert.Equal(new Uri("https://gateway.internal:5443"), options.Gateway.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(30.5), options.Maintenance.Interval);
        Assert.Equal(4, options.Gateway.RequestRetries);
        Assert.Equal(AuthenticationStrategy.A, options.Maintenance.Strategy);
        Assert.Equal(IBeamLogLevel.Debug, options.Logging.Level);
        Assert.Equal("/v2/tickle", options.Gateway.RouteTickle);
        Assert.Equal(new ElementSelector("ID", "xyz-field-silver-response"), options.Elements.TwoFactorInput);
        Assert.Equal("external_request", options.TwoFactor.Handler); // handler names are matched without regard to case
        Assert.Equal(new Dictionary<string, string> { ["Authorization"] = "Bearer abc", ["X-Retries"] = "3" }, options.ExternalRequest.Headers);
    }

    [Theory]
    [InlineData("IBEAM_TWO_FA_EL_ID", "twofactbase", "ID")]
    [InlineData("IBEAM_PASSWORD_EL", "password", "NAME")]
    [InlineData("IBEAM_ERROR_EL", "alert alert-danger margin-top-10", "CLASS_NAME")]
    [InlineData("IBEAM_SUBMIT_EL", "button.btn.btn-lg.btn-primary", "CSS_SELECTOR")]
    [InlineData("IBEAM_LIVE_PAPER_TOGGLE_EL", "toggle1", "FOR")]
    [InlineData("IBEAM_SUCCESS_EL_TEXT", "Client login succeeds", "TAG_NAME")]
    public void A_bare_element_value_is_read_as_the_kind_IBeams_older_variables_had(string name, string bare, string kind)
    {
        // Before KIND@@value, IBeam's element variables held bare ids, names, classes or selectors.
        var options = Read(logsIn: false, (name, bare));

        Assert.Equal(new ElementSelector(kind, bare), Descriptor(name).GetValue(options));
    }

    [Fact]
    public void Settings_given_on_the_command_line_are_read()
    {
        // The dashboard passes --IBEAM_NAME=value arguments through to configuration.
        var configuration = new ConfigurationBuilder().AddCommandLine(["--IBEAM_REQUEST_RETRIES=7", "--IBEAM_ROUTE_LOGOUT=/logout"]).Build();

        var options = Read(configuration, logsIn: false);

        Assert.Equal(7, options.Gateway.RequestRetries);
        Assert.Equal("/logout", options.Gateway.RouteLogout);
    }

    [Theory]
    [InlineData("IBEAM_MAINTENANCE_INTERVAL", "")]
    [InlineData("IBEAM_MAINTENANCE_INTERVAL", "   ")]
    [InlineData("IBEAM_REQUEST_RETRIES", "")]
    [InlineData("IBEAM_MAX_FAILED_AUTH", "")]
    [InlineData("IBEAM_AUTHENTICATION_STRATEGY", "")]
    [InlineData("IBEAM_START_ACTIVE", "")]
    [InlineData("IBEAM_ROUTE_TICKLE", "")]
    [InlineData("IBEAM_GATEWAY_BASE_URL", "")]
    [InlineData("IBEAM_SUCCESS_EL_TEXT", "")]
    [InlineData("IBEAM_EXTERNAL_REQUEST_HEADERS", "")]
    public void An_empty_value_means_the_default(string name, string empty)
    {
        // Compose files often write "IBEAM_X=" for "not set".
        var options = Read(logsIn: true, (name, empty));

        Assert.Equal(Descriptor(name).DefaultText, SettingValueText.Format(Descriptor(name).GetValue(options)));
    }

    [Fact]
    public void Without_logging_in_no_credentials_are_needed()
    {
        // --check, --tickle, --start and --kill run without IBEAM_ACCOUNT and IBEAM_PASSWORD.
        var options = Read(logsIn: false);

        Assert.Null(options.Secrets.Account);
    }

    // Failures

    [Theory]
    [InlineData("IBEAM_MAINTENANCE_INTERVAL", "sixty", "IBEAM_MAINTENANCE_INTERVAL")]
    [InlineData("IBEAM_MAINTENANCE_INTERVAL", "0", "IBEAM_MAINTENANCE_INTERVAL")]
    [InlineData("IBEAM_GATEWAY_STARTUP", "20s", "IBEAM_GATEWAY_STARTUP")]
    [InlineData("IBEAM_REQUEST_RETRIES", "two", "IBEAM_REQUEST_RETRIES")]
    [InlineData("IBEAM_REQUEST_RETRIES", "-1", "IBEAM_REQUEST_RETRIES")]
    [InlineData("IBEAM_REQUEST_RETRIES", "2.5", "IBEAM_REQUEST_RETRIES")]
    [InlineData("IBEAM_REQUEST_TIMEOUT", "NaN", "IBEAM_REQUEST_TIMEOUT")]
    [InlineData("IBEAM_REQUEST_TIMEOUT", "0", "IBEAM_REQUEST_TIMEOUT")]
    [InlineData("IBEAM_AUTHENTICATION_STRATEGY", "C", "IBEAM_AUTHENTICATION_STRATEGY")]
    [InlineData("IBEAM_TWO_FA_HANDLER", "CARRIER_PIGEON", "IBEAM_TWO_FA_HANDLER")]
    [InlineData("IBEAM_TWO_FA_HANDLER", "EXTERNAL_REQUEST", "IBEAM_EXTERNAL_REQUEST_URL")] // without its URL
    [InlineData("IBEAM_EXTERNAL_REQUEST_HEADERS", "{\"Authorization\": ", "IBEAM_EXTERNAL_REQUEST_HEADERS")]
    [InlineData("IBEAM_EXTERNAL_REQUEST_PARAMS", "[\"code\"]", "IBEAM_EXTERNAL_REQUEST_PARAMS")]
    [InlineData("IBEAM_EXTERNAL_REQUEST_METHOD", "FETCH", "IBEAM_EXTERNAL_REQUEST_METHOD")]
    [InlineData("IBEAM_EXTERNAL_REQUEST_URL", "not a url", "IBEAM_EXTERNAL_REQUEST_URL")]
    [InlineData("IBEAM_MAX_FAILED_AUTH", "10", "IBEAM_MAX_FAILED_AUTH")]
    [InlineData("IBEAM_MAX_FAILED_AUTH", "0", "IBEAM_MAX_FAILED_AUTH")]
    [InlineData("IBEAM_START_ACTIVE", "maybe", "IBEAM_START_ACTIVE")]
    [InlineData("IBEAM_GATEWAY_BASE_URL", "localhost:5000", "IBEAM_GATEWAY_BASE_URL")]
    [InlineData("IBEAM_GATEWAY_BASE_URL", "ftp://localhost:5000", "IBEAM_GATEWAY_BASE_URL")]
    [InlineData("IBEAM_ROUTE_AUTH", "sso/Login", "IBEAM_ROUTE_AUTH")]
    [InlineData("IBEAM_ROUTE_TICKLE", "v1/api/tickle", "IBEAM_ROUTE_TICKLE")]
    [InlineData("IBEAM_ROUTE_AUTH_STATUS", "v1/api/iserver/auth/status", "IBEAM_ROUTE_AUTH_STATUS")]
    [InlineData("IBEAM_ROUTE_VALIDATE", "https://elsewhere/validate", "IBEAM_ROUTE_VALIDATE")]
    [InlineData("IBEAM_ROUTE_REAUTHENTICATE", "reauthenticate", "IBEAM_ROUTE_REAUTHENTICATE")]
    [InlineData("IBEAM_ROUTE_INITIALISE", "init", "IBEAM_ROUTE_INITIALISE")]
    [InlineData("IBEAM_ROUTE_LOGOUT", "logout", "IBEAM_ROUTE_LOGOUT")]
    [InlineData("IBEAM_LOG_LEVEL", "LOUD", "IBEAM_LOG_LEVEL")]
    [InlineData("IBEAM_SECRETS_SOURCE", "vault", "IBEAM_SECRETS_SOURCE")]
    [InlineData("IBEAM_USER_NAME_EL", "XPATH@@//input", "IBEAM_USER_NAME_EL")]
    [InlineData("IBEAM_SUBMIT_EL", "ID@@", "IBEAM_SUBMIT_EL")]
    [InlineData("IBEAM_BROWSER_PATH", "/nonexistent/chromium", "IBEAM_BROWSER_PATH")]
    [InlineData("IBEAM_SANDBOX_PORT", "70000", "IBEAM_SANDBOX_PORT")]
    [InlineData("IBEAM_PASSWORD", null, "IBEAM_PASSWORD")]
    [InlineData("IBEAM_PASSWORD", "", "IBEAM_PASSWORD")]
    [InlineData("IBEAM_ACCOUNT", null, "IBEAM_ACCOUNT")]
    public void A_bad_value_gives_one_failure_naming_its_variable(string name, string? value, string named)
    {
        var failure = Assert.Single(Failures(logsIn: true, (name, value)));

        Assert.StartsWith(named + " ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void IBEAM_MAX_FAILED_AUTH_says_it_must_stay_below_IBKRs_lockout()
    {
        var failure = Assert.Single(Failures(logsIn: true, ("IBEAM_MAX_FAILED_AUTH", "10")));

        Assert.Contains("between 1 and 9", failure);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("9")]
    public void IBEAM_MAX_FAILED_AUTH_accepts_1_to_9(string value)
    {
        Assert.Equal(int.Parse(value), Read(logsIn: true, ("IBEAM_MAX_FAILED_AUTH", value)).Login.MaxFailedAuth);
    }

    [Fact]
    public void A_gateway_folder_without_bin_run_sh_is_refused()
    {
        // An empty folder, and one with run.sh in the wrong place (a zip unpacked one level too deep).
        Directory.CreateDirectory(Path.Combine(_folder, "clientportal.gw", "clientportal.gw", "bin"));
        File.WriteAllText(Path.Combine(_folder, "clientportal.gw", "clientportal.gw", "bin", "run.sh"), "#!/bin/sh\n");

        foreach (var directory in new[] { _folder, Path.Combine(_folder, "clientportal.gw") })
        {
            var failure = Assert.Single(Failures(logsIn: true, ("IBEAM_GATEWAY_DIR", directory)));
            Assert.StartsWith("IBEAM_GATEWAY_DIR ", failure, StringComparison.Ordinal);
            Assert.Contains("bin/run.sh", failure);
        }
    }

    [Fact]
    public void A_gateway_folder_with_bin_run_sh_is_accepted()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "bin"));
        File.WriteAllText(Path.Combine(_folder, "bin", "run.sh"), "#!/bin/sh\n");

        Assert.Equal(_folder, Read(logsIn: true, ("IBEAM_GATEWAY_DIR", _folder)).Gateway.Directory);
    }

    [Fact]
    public void A_missing_secrets_file_is_one_failure_naming_its_variable()
    {
        var account = Write("account", Account + "\n");

        var failure = Assert.Single(Failures(logsIn: true,
            ("IBEAM_SECRETS_SOURCE", "fs"), ("IBEAM_ACCOUNT", account), ("IBEAM_PASSWORD", Path.Combine(_folder, "missing"))));

        Assert.StartsWith("IBEAM_PASSWORD ", failure, StringComparison.Ordinal);
        Assert.Contains("IBEAM_SECRETS_SOURCE=fs", failure);
    }

    [Fact]
    public void An_empty_secrets_file_is_refused()
    {
        var failure = Assert.Single(Failures(logsIn: true,
            ("IBEAM_SECRETS_SOURCE", "fs"), ("IBEAM_ACCOUNT", Write("account", Account)), ("IBEAM_PASSWORD", Write("password", "\n"))));

        Assert.StartsWith("IBEAM_PASSWORD ", failure, StringComparison.Ordinal);
        Assert.Contains("empty", failure);
    }

    [Fact]
    public void Several_bad_values_are_reported_together()
    {
        var failures = Failures(logsIn: true,
            ("IBEAM_MAINTENANCE_INTERVAL", "sixty"),
            ("IBEAM_AUTHENTICATION_STRATEGY", "C"),
            ("IBEAM_MAX_FAILED_AUTH", "10"),
            ("IBEAM_ROUTE_TICKLE", "v1/api/tickle"),
            ("IBEAM_TWO_FA_HANDLER", "CARRIER_PIGEON"),
            ("IBEAM_PASSWORD", null));

        string[] expected = ["IBEAM_MAINTENANCE_INTERVAL", "IBEAM_AUTHENTICATION_STRATEGY", "IBEAM_MAX_FAILED_AUTH", "IBEAM_ROUTE_TICKLE", "IBEAM_TWO_FA_HANDLER", "IBEAM_PASSWORD"];
        Assert.Equal(expected.Length, failures.Count);
        Assert.All(expected, name => Assert.Single(failures, f => f.StartsWith(name + " ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_bad_secrets_source_is_not_followed_by_misleading_credential_failures()
    {
        // With the source unknown, "IBEAM_PASSWORD names a file that does not exist" would be a guess.
        var failure = Assert.Single(Failures(logsIn: true, ("IBEAM_SECRETS_SOURCE", "vault"), ("IBEAM_PASSWORD", null)));

        Assert.StartsWith("IBEAM_SECRETS_SOURCE ", failure, StringComparison.Ordinal);
    }

    // Secrets never shown

    [Fact]
    public void Malformed_request_headers_are_reported_without_their_text()
    {
        var failure = Assert.Single(Failures(logsIn: true, ("IBEAM_EXTERNAL_REQUEST_HEADERS", "{\"Authorization\": \"Bearer tok-81f3e2a9\"")));

        Assert.StartsWith("IBEAM_EXTERNAL_REQUEST_HEADERS ", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-81f3e2a9", failure);
        Assert.DoesNotContain("Bearer", failure);
    }

    [Fact]
    public void A_key_that_does_not_decrypt_the_password_is_reported_without_either()
    {
        var token = Fernet.Encrypt(Encoding.UTF8.GetBytes(Password), Fernet.GenerateKey(), DateTimeOffset.UtcNow);
        var otherKey = Fernet.GenerateKey();

        var failure = Assert.Single(Failures(logsIn: true, ("IBEAM_PASSWORD", token), ("IBEAM_KEY", otherKey)));

        Assert.StartsWith("IBEAM_KEY ", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(token, failure);
        Assert.DoesNotContain(otherKey, failure);
        Assert.DoesNotContain(Password, failure);
    }

    [Fact]
    public void A_malformed_key_read_from_a_file_is_reported_without_its_text()
    {
        var failure = Assert.Single(Failures(logsIn: true,
            ("IBEAM_SECRETS_SOURCE", "fs"),
            ("IBEAM_ACCOUNT", Write("account", Account)),
            ("IBEAM_PASSWORD", Write("password", "gAAAAA-not-a-token")),
            ("IBEAM_KEY", Write("key", "key-text-5d1c"))));

        Assert.StartsWith("IBEAM_KEY ", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("key-text-5d1c", failure);
        Assert.DoesNotContain("gAAAAA-not-a-token", failure);
    }

    [Fact]
    public void A_password_left_in_the_variable_when_switching_to_fs_is_not_quoted_back()
    {
        // A common slip: IBEAM_SECRETS_SOURCE=fs, but IBEAM_PASSWORD still holds the password itself.
        var failure = Assert.Single(Failures(logsIn: true,
            ("IBEAM_SECRETS_SOURCE", "fs"), ("IBEAM_ACCOUNT", Write("account", Account)), ("IBEAM_PASSWORD", Password)));

        Assert.StartsWith("IBEAM_PASSWORD ", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, failure);
    }

    [Fact]
    public void Credentials_and_secrets_print_without_their_secrets()
    {
        var options = Read(logsIn: true);

        Assert.DoesNotContain(Password, new Credentials(Account, Password).ToString());
        Assert.DoesNotContain(Password, options.Secrets.ToString());
        Assert.DoesNotContain(Account, options.Secrets.ToString());
    }

    // Credentials

    [Fact]
    public void With_secrets_source_env_the_variables_are_the_secrets()
    {
        using var services = Engine(logsIn: true);

        var credentials = services.GetRequiredService<CredentialsProvider>().Read();

        Assert.Equal(new Credentials(Account, Password), credentials);
    }

    [Fact]
    public void With_secrets_source_fs_the_secrets_are_read_from_files_without_their_trailing_newline()
    {
        using var services = Engine(logsIn: true,
            ("IBEAM_SECRETS_SOURCE", "fs"), ("IBEAM_ACCOUNT", Write("account", Account + "\n")), ("IBEAM_PASSWORD", Write("password", Password + "\r\n")));

        var credentials = services.GetRequiredService<CredentialsProvider>().Read();

        Assert.Equal(Account, credentials.Account);
        Assert.Equal(Password, credentials.Password); // inner spaces kept
    }

    [Fact]
    public void A_rotated_secrets_file_is_read_at_the_next_login()
    {
        var passwordFile = Write("password", "first-password\n");
        using var services = Engine(logsIn: true,
            ("IBEAM_SECRETS_SOURCE", "FS"), ("IBEAM_ACCOUNT", Write("account", Account)), ("IBEAM_PASSWORD", passwordFile));
        var provider = services.GetRequiredService<CredentialsProvider>();
        Assert.Equal("first-password", provider.Read().Password);

        File.WriteAllText(passwordFile, "second-password\n");

        Assert.Equal("second-password", provider.Read().Password);
    }

    [Fact]
    public void IBEAM_KEY_decrypts_a_Fernet_encrypted_password()
    {
        var key = Fernet.GenerateKey();
        var token = Fernet.Encrypt(Encoding.UTF8.GetBytes(Password), key, DateTimeOffset.UtcNow);
        using var services = Engine(logsIn: true, ("IBEAM_PASSWORD", token), ("IBEAM_KEY", key));

        Assert.Equal(Password, services.GetRequiredService<CredentialsProvider>().Read().Password);
    }

    [Fact]
    public void IBEAM_KEY_decrypts_the_spec_token_read_from_files()
    {
        // The Fernet spec's vector, stored as Docker secrets would be: one file each, with a newline.
        using var services = Engine(logsIn: true,
            ("IBEAM_SECRETS_SOURCE", "fs"),
            ("IBEAM_ACCOUNT", Write("account", Account + "\n")),
            ("IBEAM_PASSWORD", Write("password", "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==\n")),
            ("IBEAM_KEY", Write("key", "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=\n")));

        Assert.Equal("hello", services.GetRequiredService<CredentialsProvider>().Read().Password);
    }

    // Helpers

    private static SettingDescriptor Descriptor(string name) => Assert.Single(SettingDescriptor.All, d => d.Name == name);

    private static object? Parse(SettingDescriptor descriptor, string text)
    {
        Assert.True(SettingValueText.TryParse(text, descriptor.ValueType, descriptor.Setting, out var value, out var problem), problem);
        return value;
    }

    /// <summary>The engine over these settings; with <paramref name="logsIn"/>, valid credentials come first and may be overridden.</summary>
    private static ServiceProvider Engine(bool logsIn, params (string Key, string? Value)[] settings)
    {
        var values = new Dictionary<string, string?>();
        if (logsIn)
        {
            values["IBEAM_ACCOUNT"] = Account;
            values["IBEAM_PASSWORD"] = Password;
        }

        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return Engine(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), logsIn);
    }

    private static ServiceProvider Engine(IConfiguration configuration, bool logsIn) =>
        new ServiceCollection()
            .AddSingleton(configuration)
            .AddLogging()
            .AddIBeamEngine(new EngineMode(logsIn))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    private static IBeamOptions Read(bool logsIn, params (string Key, string? Value)[] settings)
    {
        using var services = Engine(logsIn, settings);
        return services.GetRequiredService<IOptions<IBeamOptions>>().Value;
    }

    private static IBeamOptions Read(IConfiguration configuration, bool logsIn)
    {
        using var services = Engine(configuration, logsIn);
        return services.GetRequiredService<IOptions<IBeamOptions>>().Value;
    }

    private static List<string> Failures(bool logsIn, params (string Key, string? Value)[] settings)
    {
        var e = Assert.Throws<OptionsValidationException>(() => Read(logsIn, settings));
        Assert.All(e.Failures, f => Assert.Contains(f, e.Message)); // the message shown at start-up lists them all
        return [.. e.Failures];
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
