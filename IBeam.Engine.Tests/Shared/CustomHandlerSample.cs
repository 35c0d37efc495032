using System.Diagnostics;
using IBeam.Engine.TwoFactor;

namespace IBeam.Engine.Tests.Shared;

/// <summary>
/// The README's custom 2FA handler (TestAssets/CustomTwoFactorHandler), built as an operator would
/// build it, against the IBeam.Engine.dll the tests run with, into a folder that serves as IBEAM_INPUTS_DIR.
/// </summary>
public sealed class CustomHandlerSample : IAsyncLifetime
{
    public const string SourceFolder = "IBeam.Engine.Tests/TestAssets/CustomTwoFactorHandler";

    private string _work = "";

    /// <summary>The environment variable the sample reads its code URL from (process-wide: see <see cref="CustomHandlerCollection"/>).</summary>
    public const string CodeUrlVariable = "TWO_FA_CODE_URL";

    /// <summary>Holds custom_two_fa_handler.dll and its .deps.json, and nothing else.</summary>
    public string InputsFolder => Path.Combine(_work, "inputs");

    public async Task InitializeAsync()
    {
        _work = Directory.CreateTempSubdirectory("ibeam-custom-handler-").FullName;

        // A copy outside the repository, so the repository's Directory.Build.props does not apply: the project must stand alone.
        var source = Path.Combine(_work, "src");
        Directory.CreateDirectory(source);
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, SourceFolder)))
        {
            File.Copy(file, Path.Combine(source, Path.GetFileName(file)));
        }

        var engine = typeof(ICustomTwoFactorHandler).Assembly.Location;
        await RunDotnetAsync(source, "build", "-c", "Release", "-o", InputsFolder, $"-p:IBeamEngine={engine}", "--disable-build-servers", "-nologo");
    }

    /// <summary>Points the sample at <paramref name="url"/>, as an operator's handler reads its own settings, until disposed.</summary>
    public static IDisposable CodeUrl(string url)
    {
        Environment.SetEnvironmentVariable(CodeUrlVariable, url);
        return new CodeUrlReset();
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // The loaded DLL may still be open; the temp folder is cleaned by the system.
        }

        return Task.CompletedTask;
    }

    private static async Task RunDotnetAsync(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test run's own MSBuild variables would point the nested build at the outer one's SDK state.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
    }

    private sealed class CodeUrlReset : IDisposable
    {
        public void Dispose() => Environment.SetEnvironmentVariable(CodeUrlVariable, null);
    }
}

/// <summary>
/// The tests that run the sample handler: it reads TWO_FA_CODE_URL, one variable for the whole
/// process, so they run one at a time; they share one build of the sample.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CustomHandlerCollection : ICollectionFixture<CustomHandlerSample>
{
    public const string Name = "custom handler sample (TWO_FA_CODE_URL)";
}
