namespace IBeam.Engine.Sandbox;

/// <summary>The phone's messages as Google Messages for web shows them, and the messages tests and operators send it.</summary>
public sealed partial class SandboxState
{
    /// <summary>A text message arrives on the phone; an <paramref name="age"/> makes it one that arrived that long ago.</summary>
    public SmsMessage ReceiveSms(string from, string text, TimeSpan age = default)
    {
        lock (_gate)
        {
            return AddMessage(from, text, time.GetUtcNow() - age);
        }
    }

    /// <summary>Delivers the codes held back by <see cref="SandboxScenario.HoldSms"/>, as arriving now; returns how many.</summary>
    public int ReleaseSms()
    {
        lock (_gate)
        {
            foreach (var text in _heldSms)
            {
                AddMessage("IBKR", text, time.GetUtcNow());
            }

            var released = _heldSms.Count;
            _heldSms.Clear();
            return released;
        }
    }

    /// <summary>Marks a message read, as opening it in Messages for web does; false when no such message or the click was ignored (<see cref="SandboxScenario.MessagesIgnoredClicks"/>).</summary>
    public bool MarkRead(int id)
    {
        lock (_gate)
        {
            var index = _inbox.FindIndex(m => m.Id == id);
            if (index < 0)
            {
                return false;
            }

            if (_ignoredClicks < _scenario.MessagesIgnoredClicks)
            {
                _ignoredClicks++;
                return false;
            }

            _inbox[index] = _inbox[index] with { Read = true };
            return true;
        }
    }

    /// <summary>The inbox as Messages for web lists it, newest first; counted in <see cref="SandboxCounters.MessagesInboxViews"/>.</summary>
    internal IReadOnlyList<SmsMessage> ViewInbox()
    {
        lock (_gate)
        {
            _counters = _counters with { MessagesInboxViews = _counters.MessagesInboxViews + 1 };
            return [.. _inbox.OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)];
        }
    }

    private SmsMessage AddMessage(string from, string text, DateTimeOffset receivedAt)
    {
        var message = new SmsMessage(_inbox.Count + 1, receivedAt, from, text, false);
        _inbox.Add(message);
        _inboxChanged.TrySetResult();
        _inboxChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return message;
    }
}
