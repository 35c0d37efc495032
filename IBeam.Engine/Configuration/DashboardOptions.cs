namespace IBeam.Engine.Configuration;

/// <summary>Who may use the dashboard, the REST API and the health server's actions, and where alerts go.</summary>
public sealed class DashboardOptions
{
    [Setting("IBEAM_DASHBOARD_PASSWORD", "The dashboard operator's password. Unset: set on the first visit and stored hashed; until then the dashboard listens on loopback only.", Secret = true, RequiresRestart = true, Storable = false)]
    public string? Password { get; set; }

    [Setting("IBEAM_API_TOKEN", "Token for the REST API and the health server's /activate and /deactivate ('Authorization: Bearer <token>'). Unset: the API needs a signed-in operator, and /activate and /deactivate answer on loopback only.", Secret = true)]
    public string? ApiToken { get; set; }

    [Setting("IBEAM_ALERT_WEBHOOK_URL", "URL that alerts are POSTed to as JSON with a 'text' field (Slack- and Discord-style incoming webhooks): a manual code awaited, the lock-out guard stopping attempts, a session that cannot be restored.")]
    public Uri? AlertWebhookUrl { get; set; }
}
