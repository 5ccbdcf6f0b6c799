// The day: upload the export (choose, drop or Upload), follow the progress, then print and email.
'use strict';

(() => {
  const form = document.getElementById('upload');
  const input = document.getElementById('file');
  const drop = document.getElementById('drop');
  const progress = document.getElementById('progress');
  const bar = document.getElementById('progress-bar');
  const text = document.getElementById('progress-text');
  const errors = document.getElementById('upload-errors');

  function showErrors(list, fileName) {
    errors.replaceChildren();
    const h = document.createElement('h2');
    h.textContent = `${fileName} could not be read`;
    const ul = document.createElement('ul');
    for (const e of list) {
      const li = document.createElement('li');
      li.textContent = e.hint ? `${e.message}. ${e.hint}` : e.message;
      ul.append(li);
    }
    errors.append(h, ul);
    errors.hidden = false;
  }

  /** Follow a batch until it is done, then show its table (the page itself, rendered by the server). */
  async function follow(id) {
    progress.hidden = false;
    for (;;) {
      const res = await fetch(`/api/batches/${id}`, { credentials: 'same-origin' });
      if (!res.ok) {
        progress.hidden = true;
        showErrors(await handout.errorsOf(res), 'The upload');
        return;
      }
      const job = await res.json();
      if (job.total) {
        bar.max = job.total;
        bar.value = job.done;
        text.textContent = `${job.done} of ${job.total} rows done`;
      }
      if (job.status !== 'running') {
        location.assign(`/day?batch=${encodeURIComponent(id)}`);
        return;
      }
      await handout.sleep(300);
    }
  }

  /** The upload's batch, with a mapping chosen on the page or (null) the clinic settings: true, or the errors when it could not start. */
  async function runUpload(id, fileName, choice) {
    errors.hidden = true;
    progress.hidden = false;
    bar.removeAttribute('value');
    text.textContent = `Making the sheets of ${fileName}…`;
    const day = document.getElementById('day').value;
    const res = await fetch(`/api/batches?wait=0&upload=${encodeURIComponent(id)}${day ? `&day=${day}` : ''}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: choice ? JSON.stringify(choice) : '',
      credentials: 'same-origin',
    });
    if (!res.ok) {
      progress.hidden = true;
      return handout.errorsOf(res);
    }
    await follow((await res.json()).id);
    return true;
  }

  // First the export is looked at (POST /api/batches/inspect): a layout the clinic settings read fully
  // goes straight to its sheets; any other shows the mapping step (mapping.js).
  async function upload(file) {
    if (!file) {
      input.focus();
      return;
    }
    errors.hidden = true;
    handoutMapping.hide();
    progress.hidden = false;
    bar.removeAttribute('value');
    text.textContent = `Reading ${file.name}…`;
    const res = await fetch('/api/batches/inspect', {
      method: 'POST',
      headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
      body: file,
      credentials: 'same-origin',
    });
    if (!res.ok) {
      progress.hidden = true;
      showErrors(await handout.errorsOf(res), file.name);
      return;
    }
    const answer = await res.json();
    if (!answer.needsMapping) {
      const started = await runUpload(answer.upload, file.name, null);
      if (started !== true) showErrors(started, file.name);
      return;
    }
    progress.hidden = true;
    handoutMapping.show(answer, (choice) => runUpload(answer.upload, file.name, choice));
  }

  input.addEventListener('change', () => upload(input.files[0]));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    upload(input.files[0]);
  });
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (ev) => {
      ev.preventDefault();
      drop.classList.add('over');
    });
  }
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (ev) => {
    ev.preventDefault();
    drop.classList.remove('over');
    const file = ev.dataTransfer.files[0];
    if (file) upload(file);
  });
  if (progress.dataset.batch) follow(progress.dataset.batch);

  // The table's buttons.
  const results = document.querySelector('.results');
  if (!results) return;
  const emailProgress = document.getElementById('email-progress');
  const emailBar = document.getElementById('email-bar');
  const emailText = document.getElementById('email-text');
  const emailAll = document.getElementById('email-all');

  async function followEmail(url) {
    emailProgress.hidden = false;
    emailAll.disabled = true;
    for (;;) {
      const res = await fetch(url, { credentials: 'same-origin' });
      if (!res.ok) break;
      const job = await res.json();
      emailBar.max = job.total || 1;
      emailBar.value = job.done;
      emailText.textContent = `${job.done} of ${job.total} emails done`;
      if (job.status !== 'running') break;
      await handout.sleep(300);
    }
    location.reload();
  }

  results.addEventListener('click', async (ev) => {
    const button = ev.target.closest('button');
    if (!button || button.disabled) return;
    if (button.dataset.print || button.dataset.pdf) {
      button.disabled = true;
      try {
        await handout.printUrl(button.dataset.print || button.dataset.pdf);
      } catch (e) {
        alert(`Cannot print: ${e.message}`);
      } finally {
        button.disabled = false;
      }
    } else if (button.dataset.email) {
      button.disabled = true;
      const cell = document.getElementById(`email-${button.dataset.line}`);
      cell.textContent = 'Sending…';
      const res = await handout.post(button.dataset.email, {});
      if (!res.ok) {
        cell.textContent = `Failed: ${(await handout.errorsOf(res)).map((e) => e.message).join('; ')}`;
        button.disabled = false;
        return;
      }
      const r = await res.json();
      cell.textContent = r.status === 'sent' ? 'Sent' : r.status === 'skipped' ? 'Already sent' : r.status === 'outbox' ? 'In the outbox' : `Failed: ${r.detail}`;
      button.disabled = false;
    } else if (button === emailAll) {
      emailAll.disabled = true;
      const res = await handout.post(`${button.dataset.url}?wait=0`, {});
      if (!res.ok) {
        emailText.textContent = (await handout.errorsOf(res)).map((e) => e.message).join('; ');
        emailProgress.hidden = false;
        emailAll.disabled = false;
        return;
      }
      await followEmail(button.dataset.url);
    }
  });
  if (emailProgress.dataset.running) followEmail(emailAll.dataset.url);
})();
