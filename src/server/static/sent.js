// Sent: a deliberate resend of one message, through the same delivery log.
'use strict';

(() => {
  const status = document.getElementById('resend-result');
  document.addEventListener('click', async (ev) => {
    const button = ev.target.closest('button[data-resend]');
    if (!button) return;
    button.disabled = true;
    handout.say(status, 'Sending again…', 'busy');
    const res = await handout.post(`/api/deliveries/${encodeURIComponent(button.dataset.resend)}/resend`, {});
    if (!res.ok) {
      handout.say(status, `Not sent: ${(await handout.errorsOf(res)).map((e) => e.message).join('; ')}`, 'error');
      button.disabled = false;
      return;
    }
    const r = await res.json();
    handout.say(status, r.status === 'sent' ? `Sent again to ${r.to}. The table now shows it.` : r.status === 'outbox' ? `Written to the outbox again for ${r.to}.` : `Not sent: ${r.detail}`, r.status === 'failed' ? 'error' : 'ok');
    setTimeout(() => location.reload(), 1500);
  });
})();
