using System.Security.Cryptography;

namespace IBeam.Engine.Sandbox;

/// <summary>
/// Google Messages for web's side of pairing. Each browser shows the page under a client id it
/// makes up (kept in local storage when "remember this computer" is ticked, else only for the
/// browser's session); the phone pairs the client whose pairing page it scanned, and the pairing
/// lasts as long as the browser keeps its id.
/// </summary>
public sealed class SandboxMessagesWeb
{
    private const string PayloadPrefix = "https://support.google.com/messages/?p=web_computer#?c=";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _payloads = [];
    private readonly HashSet<string> _paired = [];
    private string? _lastShown;

    /// <summary>Clients paired so far.</summary>
    public IReadOnlyCollection<string> PairedClients
    {
        get { lock (_gate) { return [.. _paired]; } }
    }

    /// <summary>Whether <paramref name="clientId"/> is paired; if not, it is now the client showing a pairing page, with its QR payload.</summary>
    public (bool Paired, string? Payload) Connect(string clientId)
    {
        lock (_gate)
        {
            if (_paired.Contains(clientId))
            {
                return (true, null);
            }

            _lastShown = clientId;
            if (!_payloads.TryGetValue(clientId, out var payload))
            {
                payload = PayloadPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
                _payloads[clientId] = payload;
            }

            return (false, payload);
        }
    }

    public bool IsPaired(string? clientId)
    {
        lock (_gate)
        {
            return clientId is not null && _paired.Contains(clientId);
        }
    }

    /// <summary>
    /// The phone scans <paramref name="payload"/>, or with none confirms the pairing page shown last
    /// (account pairing has no QR code); returns whether a client was paired.
    /// </summary>
    public bool Scan(string? payload)
    {
        lock (_gate)
        {
            var client = string.IsNullOrEmpty(payload) ? _lastShown : _payloads.FirstOrDefault(p => p.Value == payload).Key;
            if (client is null || !_payloads.Remove(client))
            {
                return false;
            }

            _paired.Add(client);
            if (_lastShown == client)
            {
                _lastShown = null;
            }

            return true;
        }
    }

    /// <summary>Every pairing is forgotten (the phone unpaired all computers).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _payloads.Clear();
            _paired.Clear();
            _lastShown = null;
        }
    }
}
