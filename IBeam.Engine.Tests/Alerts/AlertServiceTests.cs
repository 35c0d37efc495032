using System.Text.Json;
using IBeam.Engine.Alerts;
using IBeam.Engine.State;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Alerts;

/// <summary>Alerts, posted to a real local HTTP receiver: once per event, retried, and only when a URL is set.</summary>
public sealed class AlertServiceTests
{
    [Fact]
    public async Task Each_event_is_posted_once_however_many_snapshots_it_lasts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var alerts = await RunningAlerts.StartAsync(receiver.Url);
        var state = alerts.State;

        state.ManualWaitBegins(Guid.NewGuid());
        state.WaitGoesOn("still waiting");
        state.WaitGoesOn("still waiting, later");
        state.WaitEnds();
        state.ManualWaitBegins(Guid.NewGuid(), handler: "EXTERNAL_REQUEST"); // not the operator's to answer: no alert
        state.WaitEnds();
        state.ManualWaitBegins(Guid.NewGuid()); // a new wait: a new alert
        state.WaitEnds();
        state.LockedOut();
        state.PassWhileLockedOut();
        state.PassWhileLockedOut();
        state.GuardReset();
        state.LockedOut(); // locked out again after a reset: a new alert
        state.RestoreGivenUp();
        state.Update(s => s with { Phase = EnginePhase.CheckingStatus });
        state.RestoreGivenUp();

        // Alerts go out in the order of their events, so once the last has arrived every earlier one has too.
        var received = new List<JsonElement>();
        while (received.Count < 6)
        {
            received.Add(await receiver.NextAsync());
        }

        Assert.Equal(
            [AlertEvents.ManualCodeAwaited, AlertEvents.ManualCodeAwaited, AlertEvents.LockedOut, AlertEvents.LockedOut, AlertEvents.SessionNotRestored, AlertEvents.SessionNotRestored],
            received.Select(r => r.GetProperty("event").GetString()));
        Assert.Empty(receiver.Unread());
        Assert.Equal(6, receiver.Requests);
    }

    [Fact]
    public async Task An_alert_carries_text_event_time_and_context()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var alerts = await RunningAlerts.StartAsync(receiver.Url);
        var attempt = Guid.NewGuid();

        alerts.State.ManualWaitBegins(attempt);
        var manual = await receiver.NextAsync();
        alerts.State.WaitEnds();
        alerts.State.LockedOut();
        var lockedOut = await receiver.NextAsync();

        Assert.StartsWith("IBeam is waiting for the 2FA code", manual.GetProperty("text").GetString());
        Assert.Equal(alerts.State.Current.UpdatedAt.Date, manual.GetProperty("at").GetDateTimeOffset().Date);
        var context = manual.GetProperty("context");
        Assert.Equal(attempt.ToString(), context.GetProperty("attemptId").GetString());
        Assert.Equal("MANUAL", context.GetProperty("handler").GetString());
        Assert.True(context.GetProperty("deadline").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Contains("3 failed submissions in a row", lockedOut.GetProperty("text").GetString());
        Assert.Equal("3", lockedOut.GetProperty("context").GetProperty("failedSubmissions").GetString());
        await Eventually.HoldsAsync(() => alerts.Logs.Text.Contains("Alert locked_out sent to 127.0.0.1 (HTTP 200)"), "the sent alert is logged");
        Assert.DoesNotContain("secret-path", alerts.Logs.Text); // a webhook URL's path is its secret
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_alert_on_the_third_try()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await using var alerts = await RunningAlerts.StartAsync(receiver.Url);

        alerts.State.RestoreGivenUp();
        var alert = await receiver.NextAsync();

        Assert.Equal(AlertEvents.SessionNotRestored, alert.GetProperty("event").GetString());
        Assert.Equal(3, receiver.Requests);
        await Eventually.HoldsAsync(() => alerts.Logs.Text.Contains("Alert session_not_restored sent"), "the sent alert is logged"); // after the receiver answered
    }

    [Fact]
    public async Task An_alert_that_cannot_be_delivered_is_logged_and_the_next_one_still_goes_out()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 3);
        await using var alerts = await RunningAlerts.StartAsync(receiver.Url, retries: 2);

        alerts.State.LockedOut();
        alerts.State.RestoreGivenUp();
        var next = await receiver.NextAsync();

        Assert.Equal(AlertEvents.SessionNotRestored, next.GetProperty("event").GetString());
        Assert.Equal(4, receiver.Requests); // three tries for the first, one for the second
        Assert.Contains("Alert locked_out could not be sent to 127.0.0.1: HTTP 503", alerts.Logs.Text);
    }

    [Fact]
    public async Task Nothing_is_sent_while_the_URL_is_unset()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var alerts = await RunningAlerts.StartAsync(webhook: null);

        alerts.State.ManualWaitBegins(Guid.NewGuid());
        alerts.State.WaitEnds();
        alerts.State.LockedOut();
        await Eventually.HoldsAsync(() => alerts.Logs.Text.Contains("Alert locked_out not sent: IBEAM_ALERT_WEBHOOK_URL is not set"), "the service handled the events");

        // Set now, the URL gets the next event only: nothing earlier was kept back for it.
        alerts.Options.Dashboard.AlertWebhookUrl = receiver.Url;
        alerts.State.RestoreGivenUp();
        var first = await receiver.NextAsync();

        Assert.Equal(AlertEvents.SessionNotRestored, first.GetProperty("event").GetString());
        Assert.Equal(1, receiver.Requests);
    }
}
