using System.Text.RegularExpressions;

namespace IBeam.Engine.TwoFactor;

/// <summary>A text message delivered to IBeam by an SMS provider's webhook.</summary>
public sealed record InboundSms(DateTimeOffset ReceivedAt, string? From, string Body);

/// <summary>
/// Text messages received through the SMS webhook, kept briefly, and the wait for the one that
/// carries a login's code. A message received before the login's 2FA step began is never taken:
/// it belongs to an earlier login.
/// </summary>
public sealed partial class SmsInbox(TimeProvider time)
{
    private const int Keep = 50;

    private readonly Lock _gate = new();
    private readonly List<InboundSms> _messages = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Receive(string? from, string body)
    {
        lock (_gate)
        {
            _messages.Add(new InboundSms(time.GetUtcNow(), from, body));
            if (_messages.Count > Keep)
            {
                _messages.RemoveAt(0);
            }

            _arrived.TrySetResult();
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The code of the first IBKR message received since <paramref name="since"/>; waits for one to arrive.</summary>
    public async Task<string> WaitForCodeAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                foreach (var message in _messages.Where(m => m.ReceivedAt >= since))
                {
                    if (ExtractCode(message.Body) is { } code)
                    {
                        _messages.Remove(message); // taken once
                        return code;
                    }
                }

                arrived = _arrived.Task;
            }

            await arrived.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The code in IBKR's text ("Your requested authentication code: 123456"), or null for any other message.</summary>
    public static string? ExtractCode(string body) => IbkrCode().Match(body) is { Success: true } match ? match.Groups["code"].Value : null;

    [GeneratedRegex(@"authentication code\D{0,10}(?<code>\d{6})\b", RegexOptions.IgnoreCase)]
    private static partial Regex IbkrCode();
}
