import { html } from 'hono/html';
import { DateTime } from 'luxon';
import type { BatchRowReport } from '../../batch/run-batch.js';
import type { BatchJob } from '../batch-jobs.js';
import type { EmailRowReport } from '../email-jobs.js';
import type { Html } from './layout.js';

const OUTCOME: Record<BatchRowReport['status'], string> = { made: 'Made', unchanged: 'Already made', rejected: 'Rejected', skipped: 'Skipped' };
const EMAIL: Record<EmailRowReport['status'], string> = {
  sent: 'Sent',
  skipped: 'Already sent',
  outbox: 'In the outbox',
  failed: 'Failed',
  rejected: 'Not sent',
  'no-email': 'No address',
};

function when(row: BatchRowReport, oneDay: boolean): string {
  if (!row.treatedAt) return '—';
  const t = DateTime.fromISO(row.treatedAt, { setZone: true });
  return t.isValid ? t.toFormat(oneDay ? 'h:mm a' : 'ccc d LLL, h:mm a') : '—';
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The day page: the upload, then (with ?batch=<id>) the table of every row and its outcome. */
export function dayView(job: BatchJob | undefined, missing: boolean): Html {
  return html`<div class="page-head">
  <h1>The day</h1>
  <p class="lede">Every sheet of the day from the booking system's export. Print them all at once, or email each patient their own.</p>
</div>
<form id="upload" class="card upload" novalidate>
  <div class="drop" id="drop">
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="drop-icon"><path d="M12 16V4m0 0-4.5 4.5M12 4l4.5 4.5M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3"/></svg>
    <div class="field">
      <label for="file">Appointments export</label>
      <input id="file" name="file" type="file" accept=".csv,.xlsx,.json,.tsv,.txt,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="file-hint">
      <p class="hint" id="file-hint">CSV, Excel (.xlsx) or JSON from the booking system, as <code>handout batch</code> reads it. Choose it or drop it here: the sheets are made at once.</p>
    </div>
  </div>
  <div class="upload-side">
    <div class="field">
      <label for="day">Only the visits of <span class="optional">(optional)</span></label>
      <input id="day" name="day" type="date">
    </div>
    <button type="submit" class="primary">Upload</button>
  </div>
</form>
<section id="mapping" class="card mapping" aria-labelledby="mapping-title" hidden></section>
<div id="progress" class="card progress"${job?.status === 'running' ? '' : html` hidden`} data-batch="${job?.status === 'running' ? job.id : ''}">
  <label for="progress-bar" id="progress-label">Making the sheets&hellip;</label>
  <progress id="progress-bar"></progress>
  <p id="progress-text" role="status" aria-live="polite"></p>
</div>
<div id="upload-errors" class="card errors" role="alert"${job?.status === 'failed' ? '' : html` hidden`}>
  ${job?.status === 'failed' ? failed(job) : ''}
</div>
${missing ? html`<p class="card errors" role="alert">That upload is no longer here (the server keeps the last 50 until it stops). Upload the export again.</p>` : ''}
${job?.status === 'done' ? results(job) : ''}`;
}

function failed(job: BatchJob): Html {
  return html`<h2>${job.fileName} could not be read</h2>
  <ul>${(job.errors ?? []).map((e) => html`<li>${e.message}${e.hint ? html`<br><span class="hint">${e.hint}</span>` : ''}</li>`)}</ul>`;
}

function results(job: BatchJob): Html {
  const r = job.result!;
  const days = new Set(r.rows.map((row) => row.treatedAt?.slice(0, 10)).filter(Boolean));
  const oneDay = days.size <= 1;
  const emails = new Map((job.email?.rows ?? []).map((e) => [e.line, e]));
  const withSheet = r.rows.filter((row) => row.file && (row.status === 'made' || row.status === 'unchanged')).length;
  const withAddress = r.rows.filter((row) => row.file && (row.status === 'made' || row.status === 'unchanged') && row.email).length;
  const emailing = job.email?.status === 'running';
  return html`<section class="card results" aria-labelledby="results-title" data-batch="${job.id}">
  <div class="results-head">
    <div>
      <h2 id="results-title">${job.fileName}</h2>
      <p class="summary">${plural(r.made, 'sheet made', 'sheets made')}, ${r.unchanged} already made, ${plural(r.rejected, 'row rejected', 'rows rejected')}${r.skipped ? `, ${r.skipped} skipped` : ''}${r.otherDays ? `, ${plural(r.otherDays, 'row', 'rows')} of other days left out` : ''}.</p>
    </div>
    <div class="actions">
      <button type="button" class="primary" id="print-all" data-pdf="/api/batches/${job.id}/sheets.pdf"${withSheet ? '' : html` disabled`}>Print all</button>
      <a class="button" href="/api/batches/${job.id}/sheets.pdf?download=1"${withSheet ? '' : html` aria-disabled="true"`}>Download all</a>
      <button type="button" id="email-all" data-url="/api/batches/${job.id}/email"${withAddress && !emailing ? '' : html` disabled`}>Email all</button>
    </div>
  </div>
  <div id="email-progress" class="progress inline"${emailing ? '' : html` hidden`} data-running="${emailing ? '1' : ''}">
    <label for="email-bar">Emailing&hellip;</label>
    <progress id="email-bar" max="${job.email?.total ?? 0}" value="${job.email?.done ?? 0}"></progress>
    <p id="email-text" role="status" aria-live="polite"></p>
  </div>
  ${job.email?.status === 'done' ? emailSummary(job) : ''}
  ${job.email?.status === 'failed' ? html`<div class="errors" role="alert"><p>The emails were not sent: ${(job.email.errors ?? []).map((e) => e.message).join('; ')}</p></div>` : ''}
  <div class="table-wrap">
  <table>
    <caption class="visually-hidden">Every row of ${job.fileName}, in file order</caption>
    <thead><tr><th scope="col">Time</th><th scope="col">Name</th><th scope="col">Treatment</th><th scope="col">Sheet</th><th scope="col">Email</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
    <tbody>
      ${r.rows.map((row) => rowHtml(job.id, row, oneDay, emails.get(row.line)))}
    </tbody>
  </table>
  </div>
</section>`;
}

function emailSummary(job: BatchJob): Html {
  const c = job.email!.counts!;
  const via = job.email!.via === 'outbox' ? ' (no SMTP server is configured: the messages are in the outbox folder)' : '';
  return html`<p class="result ok" role="status">${c.sent} sent, ${c.skipped} already sent, ${c.outbox} to the outbox, ${c.failed} failed, ${c['no-email']} without an address${via}.${job.email!.stopped ? ` Sending stopped early: ${job.email!.stopped}` : ''}</p>`;
}

function rowHtml(id: string, row: BatchRowReport, oneDay: boolean, email: EmailRowReport | undefined): Html {
  const name = row.name ?? `line ${row.line}`;
  const has = (row.status === 'made' || row.status === 'unchanged') && row.file;
  const sheet = `/api/batches/${id}/rows/${row.line}/sheet.pdf`;
  return html`<tr class="${row.status}">
    <td class="time">${when(row, oneDay)}</td>
    <th scope="row" class="name">${name}<span class="line">line ${row.line}${row.id ? ' \u00b7 ' + row.id : ''}</span></th>
    <td>${row.treatment ? row.treatment[0]!.toUpperCase() + row.treatment.slice(1) : '—'}</td>
    <td><span class="badge ${row.status}">${OUTCOME[row.status]}</span>${row.status === 'rejected'
      ? html`<ul class="reasons">${(row.errors ?? []).map((e) => html`<li>${e.message}${e.hint ? html` <span class="hint">${e.hint}</span>` : ''}</li>`)}</ul>`
      : row.status === 'skipped' && row.reason ? html`<span class="detail muted">${row.reason}</span>` : ''}</td>
    <td class="email-cell" id="email-${row.line}">${email ? html`<span class="badge mail-${email.status}">${EMAIL[email.status]}</span>${email.status === 'failed' ? html`<span class="detail">${email.detail}</span>` : ''}` : row.email ? html`<span class="address">${row.email}</span>` : html`<span class="muted">No address</span>`}</td>
    <td class="row-actions">${has
      ? html`<a href="${sheet}" target="_blank" rel="noopener">Preview<span class="visually-hidden"> ${name}'s sheet</span></a>
      <button type="button" class="small" data-print="${sheet}">Print<span class="visually-hidden"> ${name}'s sheet</span></button>
      <button type="button" class="small" data-email="/api/batches/${id}/rows/${row.line}/email" data-line="${row.line}"${row.email ? '' : html` disabled`}>Email<span class="visually-hidden"> ${name}</span></button>`
      : ''}</td>
  </tr>`;
}
