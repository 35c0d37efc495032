using IBeam.Engine.Configuration;
using IBeam.Engine.TwoFactor;

namespace IBeam.Engine.Tests.TwoFactor;

/// <summary>The GOOGLE_MSG handler's rules that need no browser: IBeam's defaults, the code in a message, the time beside it.</summary>
public sealed class GoogleMessagesRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 16, 14, 30, 20, TimeSpan.Zero);

    [Theory]
    [InlineData("IBEAM_GOOG_QR_CODE_CLASS", "bigger-qr-code")]
    [InlineData("IBEAM_GOOG_QR_CODE_DATA", "qr-code")]
    [InlineData("IBEAM_GOOG_AUTH_REMEMBER_CLASS", "local-storage-checkbox")]
    [InlineData("IBEAM_GOOG_MESSAGES_LIST_CLASS", ".text-content.unread .snippet-text")]
    [InlineData("IBEAM_GOOG_2FA_HEADING", "Your requested authentication code")]
    [InlineData("IBEAM_GOOG_MESSAGE_CLICK_RETRIES", "5")]
    [InlineData("IBEAM_GOOG_MESSAGES_URL", "https://messages.google.com/web")]
    public void Each_default_is_IBeams(string name, string ibeamDefault)
    {
        Assert.Equal(ibeamDefault, SettingDescriptor.All.Single(d => d.Name == name).DefaultText);
    }

    [Theory]
    [InlineData("Your requested authentication code: 289026", "289026")]
    [InlineData("IBKR: your requested authentication code is 289026. Do not share it.", "289026")]
    [InlineData("Your requested authentication code:\u00a0004211", "004211")]
    public void The_code_is_the_digits_after_IBKRs_heading(string text, string code)
    {
        Assert.Equal(code, IbkrMessage.ExtractCode(text, "Your requested authentication code"));
    }

    [Fact]
    public void A_message_without_the_heading_has_no_code()
    {
        Assert.Null(IbkrMessage.ExtractCode("Your parcel 123456 arrives today", "Your requested authentication code"));
    }

    [Theory]
    [InlineData("Now", 0)]
    [InlineData("Just now", 0)]
    [InlineData("5 min", 5 * 60)]
    [InlineData("1 min ago", 60)]
    [InlineData("2 hr", 2 * 3600)]
    [InlineData("2:29 PM", 20)] // the end of the minute shown: 14:30:00
    [InlineData("2:29\u202fPM", 20)] // as Chromium writes it
    [InlineData("14:10", 19 * 60 + 20)]
    public void A_shown_time_gives_the_latest_moment_the_message_can_have_arrived(string shown, int secondsBeforeNow)
    {
        var latest = MessageTime.LatestArrival(shown, Now, TimeZoneInfo.Utc);

        Assert.NotNull(latest);
        Assert.Equal(secondsBeforeNow, (Now - latest.Value).TotalSeconds);
    }

    [Theory]
    [InlineData("Mon")]
    [InlineData("Mar 14")]
    [InlineData("3/14/26")]
    [InlineData("11:50 PM")] // yesterday's
    public void Older_times_are_from_before_today(string shown)
    {
        Assert.True(MessageTime.LatestArrival(shown, Now, TimeZoneInfo.Utc) <= new DateTimeOffset(2026, 3, 16, 0, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Jetzt")]
    public void A_time_that_cannot_be_read_proves_nothing(string? shown)
    {
        Assert.Null(MessageTime.LatestArrival(shown, Now, TimeZoneInfo.Utc));
        Assert.True(IbkrMessage.MayBeFor(new UnreadMessage("Your requested authentication code: 289026", shown), Now, Now, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("Now", true)]
    [InlineData("1 min", true)] // arrived at most a minute before the 2FA step
    [InlineData("3 min", false)]
    [InlineData("10:42 AM", false)]
    public void A_message_shown_as_older_than_the_2FA_step_is_not_this_logins(string shown, bool mayBe)
    {
        var message = new UnreadMessage("Your requested authentication code: 289026", shown);

        Assert.Equal(mayBe, IbkrMessage.MayBeFor(message, requestedAt: Now, now: Now, TimeZoneInfo.Utc));
    }
}
