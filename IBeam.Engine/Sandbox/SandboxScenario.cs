namespace IBeam.Engine.Sandbox;

/// <summary>Which second factor the sandbox's user has.</summary>
public enum SandboxTwoFactor
{
    /// <summary>No second factor: the login succeeds after the credentials.</summary>
    None,

    /// <summary>A 6-digit code sent by SMS to the sandbox's phone.</summary>
    Code,

    /// <summary>The page first asks which device to use (IB Key → push, Mobile Authenticator App → TOTP, SMS → code).</summary>
    Choice,

    /// <summary>An IB Key push notification, approved after a delay or by a control call.</summary>
    Push,

    /// <summary>A code from the Mobile Authenticator App: RFC 6238 of <see cref="SandboxAccount.TotpSecret"/>.</summary>
    Totp,
}

/// <summary>What the phone's code URL (<c>/sandbox/phone/code</c>, an EXTERNAL_REQUEST handler's source) answers.</summary>
public enum SandboxPhoneAnswer
{
    /// <summary>The code the gateway sent.</summary>
    Code,

    /// <summary>Six digits that are not the code (the gateway rejects them and counts a failure).</summary>
    WrongCode,

    /// <summary>Something that is not a code at all.</summary>
    Junk,

    /// <summary>HTTP 500.</summary>
    Error,

    /// <summary>The connection is dropped without an answer (the handler's call throws).</summary>
    Drop,

    /// <summary>No answer until the caller gives up.</summary>
    Hang,
}

/// <summary>
/// How the sandbox gateway behaves: the login page it shows and the faults it plays. Every
/// property can be changed at run time through the control API (<c>POST /sandbox/scenario</c>).
/// </summary>
public sealed record SandboxScenario
{
    public SandboxTwoFactor TwoFactor { get; init; } = SandboxTwoFactor.Code;

    /// <summary>2 for the current page, 1 for the page used until 2023 (user_name field, alert error box).</summary>
    public int PageVersion { get; init; } = 2;

    /// <summary>The id of the code input: bronze, silver, gold, temp, or "app" (no known id, only the "Mobile Authenticator App Code" placeholder).</summary>
    public string CodeInput { get; init; } = "silver";

    /// <summary>Show the IB Key promotion after the second factor; the session starts only once it is skipped.</summary>
    public bool Promotion { get; init; }

    /// <summary>The user is a paper-trading user: a login in live mode is refused with the mode-mismatch error.</summary>
    public bool PaperUser { get; init; }

    /// <summary>Milliseconds after which a push notification approves itself; null: only the control call approves it.</summary>
    public int? PushApproveAfterMs { get; init; } = 1500;

    /// <summary>The phone approves a push notification once the page has asked to resend it this many times; null: resends never approve.</summary>
    public int? PushApproveAfterResends { get; init; }

    /// <summary>Milliseconds between a successful login and the brokerage session reporting authenticated.</summary>
    public int BrokerageDelayMs { get; init; }

    /// <summary>Reauthenticate requests are accepted but never authenticate the session (tests the gateway restart).</summary>
    public bool ReauthenticateFails { get; init; }

    /// <summary>Seconds without a tickle after which the session expires (IBKR: about 5-6 minutes).</summary>
    public int IdleTimeoutSeconds { get; init; } = 360;

    /// <summary>How "no session" is answered: 401 with an error body, or 200 with {"error":"no session"}.</summary>
    public bool NoSessionAs200 { get; init; }

    /// <summary>The account's password was changed at IBKR: the one IBeam has is refused, as a wrong password.</summary>
    public bool PasswordChanged { get; init; }

    // The phone and Google Messages for web.

    /// <summary>What the phone's code URL answers.</summary>
    public SandboxPhoneAnswer PhoneAnswer { get; init; }

    /// <summary>SMS codes are held back until <c>POST /sandbox/sms/release</c> (an SMS that arrives late).</summary>
    public bool HoldSms { get; init; }

    /// <summary>Messages for web offers only account pairing: no QR code with a readable payload (Google's default since late 2025).</summary>
    public bool MessagesAccountPairing { get; init; }

    /// <summary>Clicks on a message that Messages for web ignores before one marks it read (an overlay in the way).</summary>
    public int MessagesIgnoredClicks { get; init; }

    // Faults of the HTTPS gateway port.

    /// <summary>Every connection to the gateway port is dropped, as if it were not running.</summary>
    public bool Down { get; init; }

    /// <summary>Every /v1 call answers 500.</summary>
    public bool Fail500 { get; init; }

    /// <summary>Every /v1 call answers 503.</summary>
    public bool Fail503 { get; init; }

    /// <summary>Every /v1 call answers 200 with a body that is not JSON.</summary>
    public bool GarbageJson { get; init; }

    /// <summary>Milliseconds added before every answer of the gateway port.</summary>
    public int DelayMs { get; init; }
}
