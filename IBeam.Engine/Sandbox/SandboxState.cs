using System.Security.Cryptography;
using OtpNet;

namespace IBeam.Engine.Sandbox;

/// <summary>
/// The simulated IBKR side: the user, the SSO login with its second factor, the gateway's
/// session, the phone's inbox, IBKR's lock-out after 10 consecutive failures, and counters of
/// everything. Thread-safe; every change goes through one lock.
/// </summary>
public sealed partial class SandboxState(TimeProvider time)
{
    public const string InvalidCredentials = "Invalid username password combination";
    public const string CodeRejected = "failed";
    public const string ModeMismatch = "You have selected the Live Account Mode, but the specified user is a Paper Trading user. Please select the correct Login mode.";
    public const string Locked = "Your account has been locked for 24 hours after too many failed login attempts. Please contact Client Services.";
    public static readonly IReadOnlyList<string> Devices = ["IB Key", "Mobile Authenticator App", "SMS"];

    private readonly Lock _gate = new();
    private readonly List<SmsMessage> _inbox = [];
    private readonly List<string> _heldSms = [];
    private TaskCompletionSource _inboxChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SandboxScenario _scenario = new();
    private SandboxCounters _counters = new();
    private SandboxSession? _session;
    private Pending? _pending;
    private int _ignoredClicks;

    public SandboxScenario Scenario
    {
        get { lock (_gate) { return _scenario; } }
    }

    public SandboxCounters Counters
    {
        get { lock (_gate) { return _counters; } }
    }

    public SandboxSession? Session
    {
        get { lock (_gate) { return CurrentSession(); } }
    }

    public IReadOnlyList<SmsMessage> Inbox
    {
        get { lock (_gate) { return [.. _inbox]; } }
    }

    /// <summary>Google Messages for web's pairings with browsers.</summary>
    public SandboxMessagesWeb MessagesWeb { get; } = new();

    public void SetScenario(Func<SandboxScenario, SandboxScenario> change)
    {
        lock (_gate)
        {
            _scenario = change(_scenario);
        }
    }

    /// <summary>Back to a fresh sandbox: default scenario, no session, no messages, counters at zero.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _scenario = new SandboxScenario();
            _counters = new SandboxCounters();
            _session = null;
            _pending?.Push.TrySetCanceled();
            _pending = null;
            _inbox.Clear();
            _heldSms.Clear();
            _ignoredClicks = 0;
            _requests.Clear();
        }

        MessagesWeb.Reset();
    }

    // The login page's calls.

    public SsoAnswer SubmitCredentials(string? userName, string? password, bool paper)
    {
        lock (_gate)
        {
            _counters = _counters with { CredentialSubmissions = _counters.CredentialSubmissions + 1 };
            _pending?.Push.TrySetCanceled();
            _pending = null;
            if (_counters.LockedOut)
            {
                return SsoAnswer.Error(Locked);
            }

            if (userName != SandboxAccount.UserName || password != SandboxAccount.Password || _scenario.PasswordChanged)
            {
                return Fail(InvalidCredentials);
            }

            if (_scenario.PaperUser && !paper)
            {
                return SsoAnswer.Error(ModeMismatch);
            }

            _pending = new Pending();
            return _scenario.TwoFactor switch
            {
                SandboxTwoFactor.None => Complete(),
                SandboxTwoFactor.Code => StartCode(),
                SandboxTwoFactor.Push => StartPush(),
                SandboxTwoFactor.Totp => StartTotp(),
                _ => new SsoAnswer("2fa", Mode: "choice", Devices: Devices),
            };
        }
    }

    public SsoAnswer ChooseDevice(string? device)
    {
        lock (_gate)
        {
            if (_pending is null)
            {
                return SsoAnswer.Error("Your session has timed out, please log in again.");
            }

            return device switch
            {
                "IB Key" => StartPush(),
                "Mobile Authenticator App" => StartTotp(),
                _ => StartCode(),
            };
        }
    }

    public SsoAnswer SubmitCode(string? code)
    {
        lock (_gate)
        {
            _counters = _counters with { CodeSubmissions = _counters.CodeSubmissions + 1 };
            if (_pending is { Totp: true })
            {
                return IsCurrentTotp(code?.Trim()) ? Complete() : Fail(CodeRejected);
            }

            if (_pending?.Code is not { } expected)
            {
                return SsoAnswer.Error("Your session has timed out, please log in again.");
            }

            return code?.Trim() == expected ? Complete() : Fail(CodeRejected);
        }
    }

    /// <summary>Waits until the pending push notification is approved; the page's script long-polls this.</summary>
    public async Task<SsoAnswer> AwaitPushAsync(CancellationToken cancellationToken)
    {
        Task approval;
        lock (_gate)
        {
            if (_pending is not { Pushed: true } pending)
            {
                return SsoAnswer.Error("Your session has timed out, please log in again.");
            }

            approval = pending.Push.Task;
        }

        try
        {
            await approval.WaitAsync(TimeSpan.FromSeconds(25), time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return new SsoAnswer("waiting");
        }
        catch (TaskCanceledException)
        {
            return SsoAnswer.Error("The notification was not approved.");
        }

        lock (_gate)
        {
            return Complete();
        }
    }

    /// <summary>
    /// The page's "resend" link: counted, and with <see cref="SandboxScenario.PushApproveAfterResends"/>
    /// the phone approves once that many resends arrived (a phone that missed the first notifications).
    /// </summary>
    public SsoAnswer ResendPush()
    {
        lock (_gate)
        {
            if (_pending is not { Pushed: true } pending)
            {
                return SsoAnswer.Error("Your session has timed out, please log in again.");
            }

            _counters = _counters with { PushResends = _counters.PushResends + 1 };
            if (_scenario.PushApproveAfterResends is { } needed && _counters.PushResends >= needed)
            {
                pending.Push.TrySetResult();
            }

            return new SsoAnswer("waiting");
        }
    }

    /// <summary>Approves the pending push notification (the control API's "the phone approved").</summary>
    public bool ApprovePush()
    {
        lock (_gate)
        {
            return _pending is { Pushed: true } pending && pending.Push.TrySetResult();
        }
    }

    public SsoAnswer SkipPromotion()
    {
        lock (_gate)
        {
            if (_pending is not { PromotionShown: true })
            {
                return SsoAnswer.Error("Your session has timed out, please log in again.");
            }

            _pending = null;
            EstablishSession();
            return SsoAnswer.Success();
        }
    }

    /// <summary>True when a login completed, so the dispatcher page may say so.</summary>
    public bool HasSession()
    {
        lock (_gate)
        {
            return CurrentSession() is not null;
        }
    }

    // The phone.

    /// <summary>Waits for an unread message with a code, marks it read and returns the code; null after <paramref name="wait"/>.</summary>
    public async Task<string?> TakeCodeAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var index = _inbox.FindLastIndex(m => !m.Read);
                if (index >= 0)
                {
                    _inbox[index] = _inbox[index] with { Read = true };
                    return _inbox[index].Text[^6..];
                }

                changed = _inboxChanged.Task;
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            try
            {
                await changed.WaitAsync(left, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }
    }

    // The gateway's session.

    public SandboxSession? Tickle()
    {
        lock (_gate)
        {
            _counters = _counters with { Tickles = _counters.Tickles + 1 };
            if (CurrentSession() is { } session)
            {
                _session = session with { LastActivity = time.GetUtcNow() };
            }

            return CurrentSession();
        }
    }

    public bool Reauthenticate()
    {
        lock (_gate)
        {
            _counters = _counters with { Reauthentications = _counters.Reauthentications + 1 };
            if (CurrentSession() is not { } session)
            {
                return false;
            }

            if (!_scenario.ReauthenticateFails)
            {
                _session = session with { Authenticated = true, Connected = true, Competing = false, AuthenticatedFrom = time.GetUtcNow() };
            }

            return true;
        }
    }

    /// <summary>Logs the brokerage session out; the gateway session stays, so a reauthenticate can restore it.</summary>
    public bool Logout()
    {
        lock (_gate)
        {
            _counters = _counters with { Logouts = _counters.Logouts + 1 };
            if (CurrentSession() is { } session)
            {
                _session = session with { Authenticated = false, Connected = false, Competing = false };
            }

            return true;
        }
    }

    public SandboxSession? Initialise()
    {
        lock (_gate)
        {
            _counters = _counters with { Initialisations = _counters.Initialisations + 1 };
            if (CurrentSession() is { } session && !_scenario.ReauthenticateFails)
            {
                _session = session with { Authenticated = true, Connected = true };
            }

            return CurrentSession();
        }
    }

    public SandboxSession? Validate()
    {
        lock (_gate)
        {
            _counters = _counters with { Validations = _counters.Validations + 1 };
            return CurrentSession();
        }
    }

    /// <summary>Counts a request on which the gateway port played a fault (see <see cref="SandboxCounters.FaultedRequests"/>).</summary>
    internal void CountFault()
    {
        lock (_gate)
        {
            _counters = _counters with { FaultedRequests = _counters.FaultedRequests + 1 };
        }
    }

    // Faults on the session.

    public void ExpireSession()
    {
        lock (_gate)
        {
            _session = null;
        }
    }

    public void MakeCompeting()
    {
        lock (_gate)
        {
            if (CurrentSession() is { } session)
            {
                _session = session with { Competing = true, Connected = false };
            }
        }
    }

    public void DropBrokerage()
    {
        lock (_gate)
        {
            if (CurrentSession() is { } session)
            {
                _session = session with { Authenticated = false };
            }
        }
    }

    /// <summary>Time left before an idle session expires.</summary>
    public TimeSpan ExpiresIn(SandboxSession session) =>
        session.LastActivity + TimeSpan.FromSeconds(Scenario.IdleTimeoutSeconds) - time.GetUtcNow();

    /// <summary>Whether the brokerage side reports authenticated now (it lags a login by BrokerageDelayMs).</summary>
    public bool IsAuthenticated(SandboxSession session) => session.Authenticated && time.GetUtcNow() >= session.AuthenticatedFrom;

    private SandboxSession? CurrentSession()
    {
        if (_session is { } session && time.GetUtcNow() - session.LastActivity > TimeSpan.FromSeconds(_scenario.IdleTimeoutSeconds))
        {
            _session = null;
        }

        return _session;
    }

    private SsoAnswer StartCode()
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        _pending = (_pending ?? new Pending()) with { Code = code };
        var text = $"Your requested authentication code: {code}";
        if (_scenario.HoldSms)
        {
            _heldSms.Add(text);
        }
        else
        {
            AddMessage("IBKR", text, time.GetUtcNow());
        }

        _counters = _counters with { CodesSent = _counters.CodesSent + 1 };
        return new SsoAnswer("2fa", Mode: "code", Message: "Enter the security code sent to your phone by SMS.");
    }

    private SsoAnswer StartTotp()
    {
        // Nothing is sent: the app computes the code from the shared secret.
        _pending = (_pending ?? new Pending()) with { Totp = true, Code = null };
        return new SsoAnswer("2fa", Mode: "code", Message: "Enter the code shown in your authenticator app.");
    }

    /// <summary>IBKR accepts the current code and, for the clock drift RFC 6238 allows for, the previous one.</summary>
    private bool IsCurrentTotp(string? code) =>
        code is { Length: 6 } && new Totp(Base32Encoding.ToBytes(SandboxAccount.TotpSecret))
            .VerifyTotp(time.GetUtcNow().UtcDateTime, code, out _, new VerificationWindow(previous: 1, future: 0));

    private SsoAnswer StartPush()
    {
        var pending = (_pending ?? new Pending()) with { Pushed = true };
        _pending = pending;
        if (_scenario.PushApproveAfterMs is { } after)
        {
            _ = Task.Delay(TimeSpan.FromMilliseconds(after), time).ContinueWith(_ => pending.Push.TrySetResult(), TaskScheduler.Default);
        }

        return new SsoAnswer("2fa", Mode: "push", Message: "Check your phone: approve the IB Key notification to log in.");
    }

    private SsoAnswer Complete()
    {
        if (_scenario.Promotion)
        {
            _pending = (_pending ?? new Pending()) with { PromotionShown = true };
            return new SsoAnswer("promo");
        }

        _pending = null;
        EstablishSession();
        return SsoAnswer.Success();
    }

    private SsoAnswer Fail(string message)
    {
        var failures = _counters.ConsecutiveFailures + 1;
        _counters = _counters with
        {
            ConsecutiveFailures = failures,
            MaxConsecutiveFailures = Math.Max(_counters.MaxConsecutiveFailures, failures),
            TotalFailures = _counters.TotalFailures + 1,
            LockedOut = failures >= SandboxAccount.LockoutThreshold,
        };
        _pending?.Push.TrySetCanceled();
        _pending = null;
        return SsoAnswer.Error(message);
    }

    private void EstablishSession()
    {
        var now = time.GetUtcNow();
        _counters = _counters with { ConsecutiveFailures = 0, SuccessfulLogins = _counters.SuccessfulLogins + 1 };
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _session = new SandboxSession(id, now + TimeSpan.FromMilliseconds(_scenario.BrokerageDelayMs), now, true, true, false);
    }

    private sealed record Pending
    {
        public string? Code { get; init; }

        public bool Pushed { get; init; }

        public bool Totp { get; init; }

        public bool PromotionShown { get; init; }

        public TaskCompletionSource Push { get; init; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
