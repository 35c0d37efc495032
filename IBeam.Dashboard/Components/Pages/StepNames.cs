using IBeam.Engine.Login;

namespace IBeam.Dashboard.Components.Pages;

/// <summary>A login's steps as an operator reads them (the step's own name stays in the markup's data-step).</summary>
public static class StepNames
{
    public static string Describe(LoginStep step) => step switch
    {
        LoginStep.Starting => "Starting",
        LoginStep.BrowserLaunched => "Browser started",
        LoginStep.PageLoaded => "Login page loaded",
        LoginStep.PaperModeSet => "Paper mode chosen",
        LoginStep.CredentialsSubmitted => "Credentials submitted",
        LoginStep.TwoFactorRequested => "2FA asked for by the page",
        LoginStep.DeviceChosen => "2FA device chosen",
        LoginStep.HandlerAsked => "Waiting on the 2FA handler",
        LoginStep.CodeObtained => "Code obtained",
        LoginStep.CodeSubmitted => "Code submitted",
        LoginStep.AwaitingPushApproval => "Waiting for the push approval",
        LoginStep.PromotionSkipped => "IB Key promotion skipped",
        LoginStep.Finished => "Finished",
        _ => step.ToString(),
    };
}
