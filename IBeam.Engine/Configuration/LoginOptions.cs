namespace IBeam.Engine.Configuration;

public sealed class LoginOptions
{
    [Setting("IBEAM_USE_PAPER_ACCOUNT", "Log in to the paper trading account.")]
    public bool UsePaperAccount { get; set; }

    [Setting("IBEAM_OAUTH_TIMEOUT", "Seconds to wait for the login page to react to a submission.", Min = 0.1)]
    public TimeSpan OauthTimeout { get; set; } = TimeSpan.FromSeconds(15);

    [Setting("IBEAM_PAGE_LOAD_TIMEOUT", "Seconds to wait for the login page to load.", Min = 0.1)]
    public TimeSpan PageLoadTimeout { get; set; } = TimeSpan.FromSeconds(15);

    [Setting("IBEAM_ERROR_SCREENSHOTS", "Save a screenshot of the login page to the outputs folder when a login fails.")]
    public bool ErrorScreenshots { get; set; }

    // IBKR locks the account after 10 consecutive failed logins; 9 is the most that can never reach it.
    [Setting("IBEAM_MAX_FAILED_AUTH", "Consecutive failed submissions after which IBeam stops trying (1 to 9; IBKR locks the account at 10).", Min = 1, Max = 9)]
    public int MaxFailedAuth { get; set; } = 5;

    [Setting("IBEAM_COUNT_TIMEOUT_AS_FAILED", "Count a submission that got no answer from the page as failed.")]
    public bool CountTimeoutAsFailed { get; set; }

    [Setting("IBEAM_MAX_IMMEDIATE_ATTEMPTS", "Logins tried in a row within one maintenance pass.", Min = 1, Max = 100)]
    public int MaxImmediateAttempts { get; set; } = 10;

    [Setting("IBEAM_BROWSER_PATH", "Chromium executable. Unset: /usr/bin/chromium when present, else Playwright's own browser.")]
    public string? BrowserPath { get; set; }
}
