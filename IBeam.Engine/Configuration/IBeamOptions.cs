namespace IBeam.Engine.Configuration;

/// <summary>
/// Every IBeam setting, grouped by what it controls. Bound from the <c>IBEAM_*</c> keys by
/// <see cref="SettingsReader"/> and checked at start by <see cref="IBeamOptionsValidator"/>.
/// </summary>
public sealed class IBeamOptions
{
    public GatewayOptions Gateway { get; set; } = new();

    public MaintenanceOptions Maintenance { get; set; } = new();

    public LoginOptions Login { get; set; } = new();

    public PageElementOptions Elements { get; set; } = new();

    public TwoFactorOptions TwoFactor { get; set; } = new();

    public ExternalRequestOptions ExternalRequest { get; set; } = new();

    public ManualCodeOptions ManualCode { get; set; } = new();

    public SmsWebhookOptions SmsWebhook { get; set; } = new();

    public InboundOptions Inbound { get; set; } = new();

    public DashboardOptions Dashboard { get; set; } = new();

    public CustomHandlerOptions CustomHandler { get; set; } = new();

    public TotpOptions Totp { get; set; } = new();

    public NotificationResendOptions NotificationResend { get; set; } = new();

    public GoogleMessagesOptions GoogleMessages { get; set; } = new();

    public SecretsOptions Secrets { get; set; } = new();

    public LoggingOptions Logging { get; set; } = new();

    public StorageOptions Storage { get; set; } = new();

    public SandboxOptions Sandbox { get; set; } = new();

    /// <summary>Values that could not be read (not a number, malformed JSON, …), one message each.</summary>
    internal List<string> ReadErrors { get; } = [];
}
