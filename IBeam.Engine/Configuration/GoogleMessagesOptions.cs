namespace IBeam.Engine.Configuration;

/// <summary>
/// The GOOGLE_MSG handler. The element settings are IBeam's IBEAM_GOOG_* variables, with IBeam's
/// names and defaults; the URL, the conversation-list and timestamp selectors and the three waits
/// are this version's (IBeam hard-codes the URL and waits 240 s and 120 s).
/// </summary>
public sealed class GoogleMessagesOptions
{
    [Setting("IBEAM_GOOG_MESSAGES_URL", "Google Messages for web, where the SMS with the code is read.")]
    public Uri MessagesUrl { get; set; } = new("https://messages.google.com/web");

    [Setting("IBEAM_GOOG_QR_CODE_CLASS", "Class of the pairing page's QR code element.")]
    public string QrCodeClass { get; set; } = "bigger-qr-code";

    [Setting("IBEAM_GOOG_QR_CODE_DATA", "Data attribute of that element, without 'data-', that holds the QR code's payload.")]
    public string QrCodeData { get; set; } = "qr-code";

    [Setting("IBEAM_GOOG_AUTH_REMEMBER_CLASS", "Class of the 'remember this computer' checkbox, ticked while pairing so that the pairing survives restarts.")]
    public string AuthRememberClass { get; set; } = "local-storage-checkbox";

    // IBeam's name says "class", but IBeam has always used the value as a CSS selector.
    [Setting("IBEAM_GOOG_MESSAGES_LIST_CLASS", "CSS selector of an unread message's text in the conversation list.")]
    public string MessagesListClass { get; set; } = ".text-content.unread .snippet-text";

    [Setting("IBEAM_GOOG_2FA_HEADING", "Text of IBKR's SMS that comes before the code.")]
    public string Heading { get; set; } = "Your requested authentication code";

    [Setting("IBEAM_GOOG_MESSAGE_CLICK_RETRIES", "Clicks tried to mark the message read.", Min = 1, Max = 50)]
    public int MessageClickRetries { get; set; } = 5;

    [Setting("IBEAM_GOOG_CONVERSATIONS_EL", "CSS selector of the conversation list; once it shows, Messages is paired.")]
    public string ConversationsSelector { get; set; } = "mws-conversations-list";

    [Setting("IBEAM_GOOG_TIMESTAMP_EL", "CSS selector of a message's time in its list item (\"Now\", \"5 min\", \"10:42 AM\"); a message it shows as older than the login's 2FA step is ignored.")]
    public string TimestampSelector { get; set; } = "mws-relative-timestamp";

    [Setting("IBEAM_GOOG_PAGE_LOAD_TIMEOUT", "Seconds for Messages to show its QR code or its conversations; after that the page is taken to ask for another kind of pairing and is shown as a screenshot.", Min = 0.1)]
    public TimeSpan PageLoadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Setting("IBEAM_GOOG_PAIRING_TIMEOUT", "Seconds to wait for the phone to pair with Messages.", Min = 0.1)]
    public TimeSpan PairingTimeout { get; set; } = TimeSpan.FromSeconds(120);

    [Setting("IBEAM_GOOG_SMS_TIMEOUT", "Seconds to wait for IBKR's SMS once Messages is paired.", Min = 0.1)]
    public TimeSpan SmsTimeout { get; set; } = TimeSpan.FromSeconds(240);
}
