// The sandbox's simulated phone: its SMS inbox, newest first, refreshed as messages arrive.
// It polls the control API once a second, as a phone's screen refreshes; it is only a simulator.
(() => {
  const inbox = document.getElementById('inbox');
  const pushResult = document.getElementById('push-result');
  let shown = '';

  const render = (messages) => {
    const json = JSON.stringify(messages);
    if (json === shown) return;
    shown = json;
    inbox.replaceChildren();
    inbox.className = messages.length ? '' : 'empty';
    if (!messages.length) { inbox.textContent = 'No messages yet.'; return; }
    for (const message of [...messages].reverse()) {
      const item = document.createElement('div');
      item.className = 'sms' + (message.read ? '' : ' unread');
      item.dataset.id = message.id;
      const at = document.createElement('span');
      at.className = 'at';
      at.textContent = new Date(message.receivedAt).toLocaleTimeString();
      const from = document.createElement('div');
      from.className = 'from';
      from.textContent = message.from;
      const text = document.createElement('div');
      text.className = 'text';
      text.textContent = message.text;
      item.append(at, from, text);
      const code = /(\d{6})\s*$/.exec(message.text);
      if (code) {
        const big = document.createElement('div');
        big.className = 'code';
        big.textContent = code[1];
        item.append(big);
      }
      inbox.append(item);
    }
  };

  const refresh = () =>
    fetch('/sandbox/sms').then((r) => r.json()).then(render).catch(() => {}).finally(() => setTimeout(refresh, 1000));

  document.getElementById('approve-push').addEventListener('click', () =>
    fetch('/sandbox/push/approve', { method: 'POST' }).then((r) => {
      pushResult.textContent = r.ok ? 'Approved.' : 'No notification is waiting.';
    }));

  refresh();
})();
