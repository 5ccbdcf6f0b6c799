// Sent: a deliberate resend of one message, through the same delivery log. Where the clinic locks
// emailed sheets, each row's form carries the date of birth (the log does not keep it).
'use strict';

(() => {
  const status = document.getElementById('resend-result');

  async function resend(key, body, button, input) {
    button.disabled = true;
    handout.say(status, 'Sending again…', 'busy');
    const res = await handout.post(`/api/deliveries/${encodeURIComponent(key)}/resend`, body);
    if (!res.ok) {
      const errors = await handout.errorsOf(res);
      const text = errors.map((e) => e.message).join('; ');
      handout.say(status, `Not sent: ${text}`, 'error');
      const onDob = errors.find((e) => e.field === 'dob');
      if (input && onDob) {
        const message = document.getElementById(input.getAttribute('aria-describedby'));
        message.textContent = `${onDob.message}${onDob.hint ? ` ${onDob.hint}` : ''}`;
        message.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
      button.disabled = false;
      return;
    }
    const r = await res.json();
    handout.say(status, r.status === 'sent' ? `Sent again to ${r.to}. The table now shows it.` : r.status === 'outbox' ? `Written to the outbox again for ${r.to}.` : `Not sent: ${r.detail}`, r.status === 'failed' ? 'error' : 'ok');
    setTimeout(() => location.reload(), 1500);
  }

  document.addEventListener('click', (ev) => {
    const button = ev.target.closest('button[data-resend]');
    if (button) resend(button.dataset.resend, {}, button);
  });
  document.addEventListener('submit', (ev) => {
    const form = ev.target.closest('form[data-resend-form]');
    if (!form) return;
    ev.preventDefault();
    const input = form.querySelector('input[name="dob"]');
    resend(form.dataset.resendForm, { dob: input.value }, form.querySelector('button'), input);
  });
})();
