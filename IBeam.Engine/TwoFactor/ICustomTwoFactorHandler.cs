namespace IBeam.Engine.TwoFactor;

/// <summary>
/// The contract of an operator's own 2FA handler (CUSTOM_HANDLER). Build a class library that
/// references IBeam.Engine.dll, put a public class with a public parameterless constructor that
/// implements this interface in it, copy the DLL to IBEAM_INPUTS_DIR and name it with
/// IBEAM_CUSTOM_TWO_FA_HANDLER=MODULE_NAME.CLASS_NAME. The README shows a complete example.
/// </summary>
/// <remarks>
/// One instance serves every login. IBeam bounds each call by IBEAM_CUSTOM_TWO_FA_TIMEOUT and
/// abandons a call that outlives it, even one that blocks its thread; the code returned is checked
/// (IBEAM_STRICT_TWO_FA_CODE) before it is typed.
/// </remarks>
public interface ICustomTwoFactorHandler
{
    /// <summary>The 2FA code for <paramref name="request"/>, or null when there is none.</summary>
    Task<string?> GetCodeAsync(TwoFactorRequest request, CancellationToken cancellationToken);
}
