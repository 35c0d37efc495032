using IBeam.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.TwoFactor;

/// <summary>
/// CUSTOM_HANDLER: the operator's own <see cref="ICustomTwoFactorHandler"/>, loaded from
/// IBEAM_INPUTS_DIR as IBEAM_CUSTOM_TWO_FA_HANDLER names it (IBeam's handler of the same name,
/// with a DLL in place of a Python module). A missing module or class is a start-up error.
/// </summary>
public sealed class CustomHandler(IOptionsMonitor<IBeamOptions> options, CustomHandlerLoader loader) : ITwoFactorHandler
{
    public const string HandlerName = "CUSTOM_HANDLER";

    private IBeamOptions Settings => options.CurrentValue;

    public string Name => HandlerName;

    public TimeSpan Timeout => Settings.CustomHandler.Timeout;

    public string Describe() =>
        $"{HandlerName}: {Settings.CustomHandler.Handler.Trim()} from {Path.GetFullPath(Settings.Gateway.InputsDirectory)}; timeout {Timeout.TotalSeconds:0.#} s";

    public IEnumerable<string> Validate(IBeamOptions options)
    {
        // Validation loads and creates the handler, so that every problem shows at start-up, as IBeam's do.
        if (loader.Load(options.CustomHandler.Handler, options.Gateway.InputsDirectory).Error is { } error)
        {
            yield return error;
        }
    }

    public Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken)
    {
        var load = loader.Load(Settings.CustomHandler.Handler, Settings.Gateway.InputsDirectory);
        var handler = load.Handler ?? throw new InvalidOperationException(load.Error);

        // On a thread of its own: a handler that blocks (Thread.Sleep, .Result) instead of awaiting must
        // not hold the engine's thread, or the engine could not abandon it at its timeout.
        return Task.Factory.StartNew(() => handler.GetCodeAsync(request, cancellationToken) ?? Task.FromResult<string?>(null), cancellationToken,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
    }
}
