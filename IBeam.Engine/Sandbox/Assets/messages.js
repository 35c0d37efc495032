// The sandbox's Google Messages for web. Like Google's page it pairs this browser with the phone
// (QR code, or account pairing), remembers the pairing in local storage when "remember this
// computer" is ticked, and lists the phone's messages, newest first; clicking one marks it read.
// It polls the sandbox for changes: a simulator may, the engine that drives it does not.
(function () {
  const view = document.getElementById('view');
  const clientKey = 'ibeam-sandbox-messages-client';
  const pollMs = 300;
  let shown = '';

  // A remembered id outlives the browser; an id kept only for the session does not.
  let client = localStorage.getItem(clientKey) || sessionStorage.getItem(clientKey);
  if (!client) {
    client = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  }
  sessionStorage.setItem(clientKey, client);

  const escape = (text) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

  function remember(checked) {
    if (checked) localStorage.setItem(clientKey, client); else localStorage.removeItem(clientKey);
  }

  function rememberBox() {
    const checked = localStorage.getItem(clientKey) === client ? ' checked' : '';
    return `<label><input type="checkbox" class="local-storage-checkbox"${checked}> Remember this computer</label>`;
  }

  function pairingPage(answer) {
    if (answer.pairing === 'account') {
      return `<div class="pairing"><h1>Pair with your Google account</h1>
        <div class="account-prompt">Signed in as sandbox.user@example.com. On your phone, open Google Messages and tap
        <b>Yes, pair</b> when asked whether to pair with this computer. (Sandbox: POST /sandbox/messages/scan.)</div>
        ${rememberBox()}</div>`;
    }
    return `<div class="pairing"><h1>Use Google Messages for web</h1>
      <p>On your phone, open Google Messages, tap Device pairing, then QR code scanner, and scan this code.</p>
      <div class="bigger-qr-code" data-qr-code="${escape(answer.qrPayload)}">${escape(answer.qrPayload)}</div>
      ${rememberBox()}</div>`;
  }

  function age(receivedAt) {
    const seconds = (Date.now() - Date.parse(receivedAt)) / 1000;
    if (seconds < 60) return 'Now';
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
    const date = new Date(receivedAt);
    if (seconds < 86400) return date.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
    return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
  }

  function conversationList(messages) {
    const items = messages.map((m) => `<mws-conversation-list-item>
      <a href="#" data-message-id="${m.id}">
        <div class="text-content${m.read ? '' : ' unread'}"><div class="name">${escape(m.from)}</div>
          <div class="snippet-text">${escape(m.text)}</div></div>
        <mws-relative-timestamp>${age(m.receivedAt)}</mws-relative-timestamp>
      </a></mws-conversation-list-item>`).join('');
    return `<mws-conversations-list><nav class="conv-container">${items || '<p class="empty">No messages yet</p>'}</nav></mws-conversations-list>`;
  }

  // Rewritten only when something changed, so that a click never lands on an element being replaced.
  function render(html) {
    if (html !== shown) {
      view.innerHTML = html;
      shown = html;
    }
  }

  view.addEventListener('change', (event) => {
    if (event.target.classList.contains('local-storage-checkbox')) remember(event.target.checked);
  });

  view.addEventListener('click', (event) => {
    const item = event.target.closest('[data-message-id]');
    if (!item) return;
    event.preventDefault();
    fetch('/sandbox/messages/read', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client, id: Number(item.dataset.messageId) }),
    }).then(sync, sync);
  });

  // One poll at a time: a sync asked for while one is in flight runs right after it.
  let timer = null;
  let inFlight = false;
  let again = false;
  function sync() {
    if (inFlight) { again = true; return; }
    clearTimeout(timer);
    inFlight = true;
    fetch(`/sandbox/messages/sync?client=${encodeURIComponent(client)}`)
      .then((r) => r.json())
      .then((answer) => render(answer.paired ? conversationList(answer.messages) : pairingPage(answer)))
      .catch(() => {})
      .finally(() => {
        inFlight = false;
        if (again) { again = false; sync(); } else { timer = setTimeout(sync, pollMs); }
      });
  }

  sync();
})();
