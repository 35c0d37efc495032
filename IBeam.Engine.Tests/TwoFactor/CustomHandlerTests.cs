using IBeam.Engine.Login;
using IBeam.Engine.Sandbox;
using IBeam.Engine.Tests.Shared;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.Tests.TwoFactor;

/// <summary>
/// CUSTOM_HANDLER with the README's sample assembly, built by the test as an operator builds it and
/// loaded from the inputs folder; logins in real Chromium against the sandbox.
/// </summary>
[Collection(CustomHandlerCollection.Name)]
public sealed class CustomHandlerTests(SandboxFixture fixture, CustomHandlerSample sample) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task The_sample_handler_under_IBeams_default_name_completes_the_login()
    {
        var sandbox = fixture.Fresh();
        await using var engine = Custom(sandbox, handler: null);

        // The sample reads its URL from the environment, as an operator's handler reads its own settings.
        LoginResult result;
        using (CustomHandlerSample.CodeUrl(sandbox.PhoneCodeUrl + "?wait=10"))
        {
            result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);
        }

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.Equal(1, sandbox.State.Counters.CodeSubmissions);
        Assert.Contains("CUSTOM_HANDLER: custom_two_fa_handler.CustomTwoFaHandler", engine.Logs.Text);
    }

    [Theory]
    [InlineData("sms_relay.SmsRelayHandler", "Module 'sms_relay' not found")]
    [InlineData("custom_two_fa_handler.SmsRelayHandler", "Module 'custom_two_fa_handler' has no class 'SmsRelayHandler'")]
    [InlineData("custom_two_fa_handler.Samples.NotAHandler", "class 'Samples.NotAHandler' does not implement IBeam.Engine.TwoFactor.ICustomTwoFactorHandler")]
    [InlineData("custom_two_fa_handler.ConfiguredHandler", "class 'Samples.ConfiguredHandler' cannot be created")]
    [InlineData("CustomTwoFaHandler", "must be MODULE_NAME.CLASS_NAME")]
    public async Task A_handler_that_cannot_be_loaded_is_a_start_up_error_naming_the_variable(string handler, string expected)
    {
        var sandbox = fixture.Fresh();
        await using var engine = Custom(sandbox, handler);

        var error = Assert.Single(StartupErrors(engine));

        Assert.StartsWith("IBEAM_CUSTOM_TWO_FA_HANDLER", error);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task A_missing_class_error_lists_the_classes_that_fit()
    {
        await using var engine = Custom(fixture.Fresh(), "custom_two_fa_handler.SmsRelayHandler");

        var error = Assert.Single(StartupErrors(engine));

        Assert.Contains("CustomTwoFaHandler", error);
        Assert.Contains("Samples.ThrowingHandler", error);
        Assert.DoesNotContain("NotAHandler", error);
    }

    [Fact]
    public async Task An_empty_inputs_folder_is_a_start_up_error_saying_where_IBeam_looked()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_TWO_FA_HANDLER", "CUSTOM_HANDLER"));

        var error = Assert.Single(StartupErrors(engine));

        Assert.Contains("Module 'custom_two_fa_handler' not found", error);
        Assert.Contains(Path.Combine(engine.Folder, "inputs"), error);
    }

    [Fact]
    public async Task A_DLL_that_is_not_an_assembly_is_a_start_up_error()
    {
        var sandbox = fixture.Fresh();
        await using var engine = EngineHarness.Create(sandbox, ("IBEAM_TWO_FA_HANDLER", "CUSTOM_HANDLER"), ("IBEAM_CUSTOM_TWO_FA_HANDLER", "relay.Handler"));
        var inputs = Directory.CreateDirectory(Path.Combine(engine.Folder, "inputs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(inputs, "relay.dll"), "#!/bin/sh\necho 123456\n");

        var error = Assert.Single(StartupErrors(engine));

        Assert.Contains("Module 'relay'", error);
        Assert.Contains("is not a .NET assembly", error);
    }

    [Fact]
    public async Task A_handler_that_throws_ends_the_login_with_nothing_typed()
    {
        var sandbox = fixture.Fresh();
        await using var engine = Custom(sandbox, "custom_two_fa_handler.Samples.ThrowingHandler");

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.HandlerFailed, result.Outcome);
        Assert.Contains("the SMS relay is down", result.Error);
        NothingTypedNorCounted(engine, sandbox, result);
    }

    [Fact]
    public async Task A_handler_that_blocks_its_thread_is_abandoned_at_IBEAM_CUSTOM_TWO_FA_TIMEOUT()
    {
        var sandbox = fixture.Fresh();
        await using var engine = Custom(sandbox, "custom_two_fa_handler.Samples.BlockingHandler", ("IBEAM_CUSTOM_TWO_FA_TIMEOUT", "1"));
        var started = TimeProvider.System.GetTimestamp();

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.TwoFactorTimeout, result.Outcome);
        Assert.Contains("within 1 s", result.Error);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(50), "the engine waited for the blocked handler");
        NothingTypedNorCounted(engine, sandbox, result);
    }

    [Fact]
    public async Task A_handler_that_returns_junk_has_nothing_typed()
    {
        var sandbox = fixture.Fresh();
        await using var engine = Custom(sandbox, "custom_two_fa_handler.Samples.JunkHandler");

        var result = await engine.Get<LoginFlow>().RunAsync(new RecordingProgress(), CancellationToken.None);

        Assert.Equal(LoginOutcome.HandlerFailed, result.Outcome);
        Assert.Contains("not 6 digits", result.Error);
        Assert.DoesNotContain("502", result.Error);
        NothingTypedNorCounted(engine, sandbox, result);
    }

    [Fact]
    public void The_README_shows_the_sample_handler_as_shipped()
    {
        var readme = Repository.ReadText("README.md").ReplaceLineEndings("\n");
        var handler = Repository.ReadText(Path.Combine(CustomHandlerSample.SourceFolder, "CustomTwoFaHandler.cs")).ReplaceLineEndings("\n");
        var project = Repository.ReadText(Path.Combine(CustomHandlerSample.SourceFolder, "custom_two_fa_handler.csproj")).ReplaceLineEndings("\n");

        Assert.Contains(handler.Trim(), readme);
        Assert.Contains(project.Trim(), readme);
    }

    private EngineHarness Custom(SandboxGateway sandbox, string? handler, params (string Key, string? Value)[] settings) =>
        EngineHarness.Create(sandbox, [
            ("IBEAM_TWO_FA_HANDLER", "CUSTOM_HANDLER"),
            ("IBEAM_INPUTS_DIR", sample.InputsFolder),
            ("IBEAM_CUSTOM_TWO_FA_HANDLER", handler),
            .. settings,
        ]);

    private static IReadOnlyList<string> StartupErrors(EngineHarness engine) =>
        [.. Assert.Throws<OptionsValidationException>(() => engine.Options).Failures];

    private static void NothingTypedNorCounted(EngineHarness engine, SandboxGateway sandbox, LoginResult result)
    {
        Assert.False(result.CountedAsFailure);
        Assert.Equal(0, sandbox.State.Counters.CodeSubmissions);
        Assert.Equal(0, sandbox.State.Counters.TotalFailures);
        Assert.Equal(0, engine.Get<ILockoutGuard>().Current.FailedSubmissions);
    }
}
