using IBeam.Engine.TwoFactor;

/// <summary>
/// Asks the URL in the environment variable TWO_FA_CODE_URL (say, a service that receives the SMS)
/// for the code. IBEAM_CUSTOM_TWO_FA_HANDLER's default, custom_two_fa_handler.CustomTwoFaHandler,
/// names this class in custom_two_fa_handler.dll.
/// </summary>
public sealed class CustomTwoFaHandler : ICustomTwoFactorHandler
{
    private static readonly HttpClient Http = new();

    public async Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken)
    {
        var url = Environment.GetEnvironmentVariable("TWO_FA_CODE_URL")
                  ?? throw new InvalidOperationException("TWO_FA_CODE_URL is not set.");
        using var response = await Http.GetAsync(url, cancellationToken);

        // No code rather than a wrong one: IBKR counts a rejected code as a failed login.
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
    }
}
