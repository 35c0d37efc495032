using IBeam.Engine.Configuration;
using IBeam.Engine.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IBeam.Engine.TwoFactor;

/// <summary>What asking a handler produced: a code fit to type, or why there is none.</summary>
public sealed record CodeResult(string? Code, string Source, string? Failure, bool TimedOut = false)
{
    public bool Succeeded => Code is not null;

    public override string ToString() => Succeeded ? $"code {TwoFactorCode.Mask(Code!)} from {Source}" : $"no code from {Source}: {Failure}";
}

/// <summary>
/// Asks a handler for a code under the engine's own deadline and applies the code rules. A
/// handler that ignores cancellation is abandoned at its deadline, never awaited forever.
/// </summary>
public sealed class TwoFactorCodeSource(IOptionsMonitor<IBeamOptions> options, TimeProvider time, ILogger<TwoFactorCodeSource> logger)
{
    public async Task<CodeResult> ObtainAsync(ITwoFactorHandler handler, TwoFactorRequest request, CancellationToken cancellationToken)
    {
        EngineLog.AskingHandler(logger, handler.Describe());
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(handler.Timeout);
        string? raw;
        try
        {
            raw = await handler.GetCodeAsync(request, deadline.Token).WaitAsync(handler.Timeout, time, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && (e is TimeoutException || e is OperationCanceledException))
        {
            EngineLog.HandlerTimedOut(logger, handler.Name, handler.Timeout.TotalSeconds);
            return new CodeResult(null, handler.Name, $"{handler.Name} gave no code within {handler.Timeout.TotalSeconds:0.#} s", TimedOut: true);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            EngineLog.HandlerFailed(logger, handler.Name, e.GetType().Name, e.Message);
            return new CodeResult(null, handler.Name, $"{handler.Name} failed: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            // The wait can end (the deadline, the login's cancellation) before the handler's token is
            // cancelled, and disposing its source then would leave a handler holding a browser running
            // unseen: whatever ended the wait, the handler is told to stop.
            await deadline.CancelAsync();
        }

        if (!TwoFactorCode.TryNormalize(raw, options.CurrentValue.TwoFactor.StrictCode, out var code, out var reason))
        {
            EngineLog.CodeRefused(logger, handler.Name, reason);
            return new CodeResult(null, handler.Name, reason);
        }

        EngineLog.CodeObtained(logger, handler.Name, TwoFactorCode.Mask(code));
        return new CodeResult(code, handler.Name, null);
    }
}
