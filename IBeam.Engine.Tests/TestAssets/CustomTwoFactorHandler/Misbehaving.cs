using IBeam.Engine.TwoFactor;

namespace Samples;

// Handlers that misbehave in the ways IBeam must survive; the tests name them with IBEAM_CUSTOM_TWO_FA_HANDLER.

/// <summary>Fails: its service is down.</summary>
public sealed class ThrowingHandler : ICustomTwoFactorHandler
{
    public Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the SMS relay is down");
}

/// <summary>Blocks its thread instead of awaiting, and ignores cancellation.</summary>
public sealed class BlockingHandler : ICustomTwoFactorHandler
{
    public Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken)
    {
        Thread.Sleep(TimeSpan.FromSeconds(60));
        return Task.FromResult<string?>("123456");
    }
}

/// <summary>Answers something that is not a code.</summary>
public sealed class JunkHandler : ICustomTwoFactorHandler
{
    public Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<string?>("<html>502 Bad Gateway</html>");
}

/// <summary>The right method, but not the contract.</summary>
public sealed class NotAHandler
{
    public Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<string?>("123456");
}

/// <summary>The contract, but no constructor IBeam can call.</summary>
public sealed class ConfiguredHandler(string url) : ICustomTwoFactorHandler
{
    public Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(url);
}
