// Checkout: the live preview, Print, Download and Email, and errors shown at their fields.
'use strict';

(() => {
  const form = document.getElementById('visit');
  const result = document.getElementById('result');
  const formErrors = document.getElementById('form-errors');
  const preview = document.getElementById('preview');
  const previewEmpty = document.getElementById('preview-empty');
  const previewStatus = document.getElementById('preview-status');
  const note = document.getElementById('f-note');
  const count = document.getElementById('note-count');
  const FIELDS = ['name', 'treatment', 'date', 'area', 'concern', 'note', 'language', 'paper', 'email'];
  const touched = new Set();

  /** The form as the API's visit (empty optional fields left out). */
  function visit(withEmail) {
    const data = new FormData(form);
    const v = {};
    for (const key of FIELDS) {
      const value = data.get(key);
      if (typeof value === 'string' && value.trim() !== '') v[key] = value;
    }
    if (!withEmail) delete v.email;
    return v;
  }

  function controlsOf(field) {
    return [...form.querySelectorAll(`[name="${field}"]`)];
  }

  /** Mark (or clear) one field: aria-invalid, and its message tied to it with aria-describedby. */
  function mark(field, message) {
    const err = document.getElementById(`err-${field}`);
    if (!err) return false;
    for (const el of controlsOf(field)) {
      const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== err.id);
      if (message) {
        el.setAttribute('aria-invalid', 'true');
        ids.unshift(err.id);
      } else {
        el.removeAttribute('aria-invalid');
      }
      if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
      else el.removeAttribute('aria-describedby');
    }
    err.textContent = message || '';
    err.hidden = !message;
    return true;
  }

  /** Show the server's errors at their fields; those without a field above the buttons. Returns the first field marked. */
  function showErrors(errors, only) {
    const byField = new Map();
    const general = [];
    for (const e of errors) {
      const text = e.hint ? `${e.message}. ${e.hint}` : e.message;
      if (e.field && document.getElementById(`err-${e.field}`)) byField.set(e.field, [...(byField.get(e.field) || []), text]);
      else general.push(text);
    }
    let first = null;
    for (const field of FIELDS) {
      if (only && !only.has(field)) continue;
      const messages = byField.get(field);
      mark(field, messages ? messages.join(' ') : '');
      if (messages && !first) first = field;
    }
    if (!only) {
      formErrors.textContent = general.join(' ');
      formErrors.hidden = general.length === 0;
    }
    return first;
  }

  function clearErrors() {
    for (const field of FIELDS) mark(field, '');
    formErrors.hidden = true;
  }

  /** A button's action: errors go to their fields and the first one gets the focus. */
  async function act(button, busyText, run) {
    button.disabled = true;
    handout.say(result, busyText, 'busy');
    try {
      await run();
    } catch (e) {
      handout.say(result, `Something went wrong: ${e.message}`, 'error');
    } finally {
      button.disabled = false;
    }
  }

  async function failed(res) {
    const errors = await handout.errorsOf(res);
    const first = showErrors(errors);
    handout.say(result, res.status === 422 ? 'Please check the marked fields.' : errors.map((e) => e.message).join(' '), 'error');
    if (first) controlsOf(first)[0].focus();
  }

  document.getElementById('download').addEventListener('click', (ev) =>
    act(ev.currentTarget, 'Making the sheet…', async () => {
      const res = await handout.post('/api/handouts', visit(false));
      if (!res.ok) return failed(res);
      clearErrors();
      const name = await handout.download(res);
      handout.say(result, `Downloaded ${name}. A copy is in the output folder.`);
    }),
  );

  document.getElementById('calendar').addEventListener('click', (ev) =>
    act(ev.currentTarget, 'Making the calendar…', async () => {
      const res = await handout.post('/api/calendars', visit(false));
      if (!res.ok) return failed(res);
      clearErrors();
      const name = await handout.download(res);
      handout.say(result, `Downloaded ${name}: the recovery's dates for the patient's calendar.`);
    }),
  );

  document.getElementById('print').addEventListener('click', (ev) =>
    act(ev.currentTarget, 'Making the sheet…', async () => {
      const res = await handout.post('/api/handouts?disposition=inline', visit(false));
      if (!res.ok) return failed(res);
      clearErrors();
      handout.printPdf(await res.blob());
      handout.say(result, 'Sent to the print dialog. A copy is in the output folder.');
    }),
  );

  document.getElementById('email').addEventListener('click', (ev) =>
    act(ev.currentTarget, 'Sending…', async () => {
      const v = visit(true);
      if (!v.email) {
        showErrors([{ field: 'email', message: 'email: type the patient\'s address to email the sheet' }]);
        handout.say(result, 'Please check the marked fields.', 'error');
        document.getElementById('f-email').focus();
        return;
      }
      const res = await handout.post('/api/handouts/email', v);
      if (!res.ok) return failed(res);
      clearErrors();
      const r = await res.json();
      const text =
        r.status === 'sent'
          ? `Emailed to ${r.to}.`
          : r.status === 'skipped'
            ? `Not sent again: ${r.to} already has this sheet (${r.detail}). To send it once more, use Resend on the Sent page.`
            : `No mail server is set up: the message to ${r.to} was written to the outbox folder (${r.detail}).`;
      handout.say(result, text, r.status === 'sent' ? 'ok' : 'warn');
    }),
  );

  // The live preview: made by the server a moment after typing stops.
  let timer = 0;
  let shown = '';
  let seq = 0;
  async function refresh() {
    const v = visit(false);
    if (!v.name) {
      previewStatus.textContent = 'Type a name to see the sheet.';
      return;
    }
    const key = JSON.stringify(v);
    if (key === shown) return;
    const mine = ++seq;
    previewStatus.textContent = 'Updating…';
    const res = await handout.post('/api/previews', v);
    if (mine !== seq) return; // a newer one is on its way
    if (!res.ok) {
      const errors = await handout.errorsOf(res);
      // While typing, mark only the fields the person has already left alone.
      showErrors(errors, touched);
      previewStatus.textContent = `The preview waits for: ${[...new Set(errors.map((e) => e.field || 'the form'))].join(', ')}.`;
      return;
    }
    showErrors([], touched);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (mine !== seq) return;
    try {
      await draw(bytes);
    } catch (e) {
      previewStatus.textContent = `The preview cannot be shown here (${e.message}); Download and Print still work.`;
      return;
    }
    if (mine !== seq) return;
    shown = key;
    preview.setAttribute('aria-label', `Preview of the aftercare sheet for ${v.name}`);
    preview.hidden = false;
    previewEmpty.hidden = true;
    previewStatus.textContent = `Sheet for ${v.name}.`;
  }

  // pdf.js (served by this server) draws the sheet's page into the canvas: the same in every browser.
  let pdfjs;
  async function draw(bytes) {
    if (!pdfjs) {
      pdfjs = await import('/static/pdf.min.mjs');
      pdfjs.GlobalWorkerOptions.workerSrc = '/static/pdf.worker.min.mjs';
    }
    const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false }).promise;
    try {
      const page = await doc.getPage(1);
      const width = preview.parentElement.clientWidth || 600;
      const scale = (width * (window.devicePixelRatio || 1)) / page.getViewport({ scale: 1 }).width;
      const viewport = page.getViewport({ scale });
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height);
      await page.render({ canvasContext: canvas.getContext('2d'), viewport, canvas }).promise;
      // Drawn off screen, then copied: the old sheet stays until the new one is whole.
      preview.width = canvas.width;
      preview.height = canvas.height;
      preview.getContext('2d').drawImage(canvas, 0, 0);
    } finally {
      doc.destroy();
    }
  }
  form.addEventListener('input', (ev) => {
    if (ev.target.name) touched.add(ev.target.name);
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  });
  form.addEventListener('submit', (ev) => ev.preventDefault());

  const max = Number(count.dataset.max);
  const updateCount = () => {
    const n = [...note.value].length;
    count.textContent = `${n} of ${max} characters${n >= max - 20 ? ` (${max - n} left)` : ''}`;
    count.classList.toggle('near', n >= max - 20);
  };
  note.addEventListener('input', updateCount);
  updateCount();
  if (document.getElementById('f-name').value) refresh();
})();
