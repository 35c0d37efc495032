// The sandbox login page's script: like IBKR's, it shows each step in place and only navigates
// once the login has succeeded.
(function () {
  const $ = (selector) => document.querySelector(selector);
  const form = $('#xyz-form');
  const error = $('.xyz-errormessage') || $('.alert.alert-danger.margin-top-10');
  const twoFactor = $('#twofactbase');
  const steps = { choice: $('.xyz-choice'), code: $('.xyz-code'), push: $('.login-step-notification') };
  const codeInput = $('.xyz-code input');
  const select = $('.xyz-multipleselect');
  const promo = $('.ibkey-promo');

  const show = (element, visible) => { if (element) element.style.display = visible ? '' : 'none'; };
  const post = (url, body) => fetch(url, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {})
  }).then((r) => r.json());

  function showError(message) {
    error.textContent = message;
    show(error, true);
  }

  function backToLogin(message) {
    show(twoFactor, false);
    Object.values(steps).forEach((s) => show(s, false));
    show(promo, false);
    show(form, true);
    if (codeInput) codeInput.value = '';
    if (select) select.value = '';
    if (message) showError(message);
  }

  function handle(answer) {
    if (answer.result === 'error') { backToLogin(answer.message); return; }
    if (answer.result === 'success') { window.location.href = answer.redirect; return; }
    if (answer.result === 'promo') {
      show(twoFactor, false); show(form, false); show(promo, true);
      return;
    }
    if (answer.result === '2fa') {
      show(form, false);
      show(twoFactor, true);
      // Once a device is chosen its list stays on screen, as on IBKR's page.
      Object.entries(steps).forEach(([mode, element]) => show(element, mode === answer.mode || (mode === 'choice' && select && select.value !== '')));
      const prompt = steps[answer.mode] && steps[answer.mode].querySelector('.xyz-prompt');
      if (prompt && answer.message) prompt.textContent = answer.message;
      if (answer.mode === 'code' && codeInput) { codeInput.value = ''; codeInput.focus(); }
      if (answer.mode === 'push') awaitPush();
    }
  }

  function awaitPush() {
    post('/sso/Authenticator/push').then((answer) => {
      if (answer.result === 'waiting') { awaitPush(); return; }
      handle(answer);
    });
  }

  // Like IBKR's link: the server sends the notification again; the page's long poll goes on waiting for the approval.
  window.resendNotification = function () {
    post('/sso/Authenticator/resend').then((answer) => { if (answer.result === 'error') handle(answer); });
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show(error, false);
    const userName = form.querySelector('input[name="username"], input[name="user_name"]').value;
    const password = form.querySelector('input[name="password"]').value;
    post('/sso/Authenticator', { username: userName, password: password, paper: $('#toggle1').checked }).then(handle);
  });

  if (select) {
    select.addEventListener('change', () => {
      if (!select.value) return;
      const device = select.options[select.selectedIndex].text;
      post('/sso/Authenticator/device', { device: device }).then(handle);
    });
  }

  if (codeInput) {
    codeInput.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      show(error, false);
      post('/sso/Authenticator/code', { code: codeInput.value }).then(handle);
    });
  }

  const skip = $('.ibkey-promo-skip');
  if (skip) {
    skip.addEventListener('click', (event) => {
      event.preventDefault();
      post('/sso/Authenticator/promo').then(handle);
    });
  }
})();
