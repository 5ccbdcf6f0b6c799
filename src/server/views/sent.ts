import { html } from 'hono/html';
import { DateTime } from 'luxon';
import type { DeliveryRow } from '../read-deliveries.js';
import type { Html } from './layout.js';

const OUTCOME: Record<DeliveryRow['status'], string> = { accepted: 'Sent', failed: 'Failed', outbox: 'In the outbox', sending: 'Interrupted', unknown: 'Unknown' };

/**
 * The delivery log as a table, newest first, with filters; the last entry of each delivery can be
 * sent again. `locks`: the clinic locks emailed sheets with the date of birth, which the log does
 * not keep, so each resend asks for it.
 */
export function sentView(rows: DeliveryRow[], filter: { day?: string; name?: string }, zone: string, locks = false): Html {
  const filtered = Boolean(filter.day || filter.name);
  return html`<div class="page-head">
  <h1>Sent</h1>
  <p class="lede">Every email the sheets went out in: when, to whom, and what the mail server answered.</p>
</div>
<form class="card filters" method="get" action="/sent" role="search" aria-label="Filter the sent emails">
  <div class="field">
    <label for="s-day">Day</label>
    <input id="s-day" name="day" type="date" value="${filter.day ?? ''}">
  </div>
  <div class="field grow">
    <label for="s-name">Name or address</label>
    <input id="s-name" name="name" type="search" value="${filter.name ?? ''}" autocomplete="off">
  </div>
  <div class="filter-actions">
    <button type="submit" class="primary">Filter</button>
    ${filtered ? html`<a class="button quiet" href="/sent">Show all</a>` : ''}
  </div>
</form>
${locks ? html`<p class="lede">This clinic locks emailed sheets with the patient's date of birth. The log does not keep it: type it beside the email to send it again.</p>` : ''}
<div id="resend-result" class="result" role="status" aria-live="polite"></div>
<section class="card" aria-labelledby="sent-title">
  <h2 id="sent-title" class="visually-hidden">Emails</h2>
  ${rows.length === 0
    ? html`<p class="empty">${filtered ? 'No email matches the filter.' : 'No email has been sent from this output folder yet.'}</p>`
    : html`<div class="table-wrap"><table>
    <caption class="visually-hidden">${rows.length} ${rows.length === 1 ? 'entry' : 'entries'} of the delivery log, newest first</caption>
    <thead><tr><th scope="col">When</th><th scope="col">To</th><th scope="col">Sheet</th><th scope="col">Outcome</th><th scope="col">Server's answer</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
    <tbody>${rows.map((r, i) => rowHtml(r, zone, locks, i))}</tbody>
  </table></div>`}
</section>`;
}

function sheetLabel(visit: NonNullable<DeliveryRow['visit']>, zone: string): string {
  const t = DateTime.fromISO(visit.treatedAt, { setZone: true }).setZone(zone);
  const kind = visit.treatment[0]!.toUpperCase() + visit.treatment.slice(1);
  return t.isValid ? `${kind}, ${t.toFormat('ccc d LLL, h:mm a')}` : kind;
}

function rowHtml(r: DeliveryRow, zone: string, locks: boolean, index: number): Html {
  const at = DateTime.fromISO(r.at).setZone(zone);
  const who = r.visit?.name ?? r.to;
  return html`<tr>
    <td class="time"><time datetime="${r.at}">${at.isValid ? at.toFormat('ccc d LLL, h:mm a') : r.at}</time>${r.attempt > 1 ? html`<span class="line">try ${r.attempt}</span>` : ''}</td>
    <th scope="row" class="name">${r.visit?.name ?? ''}<span class="address">${r.to}</span></th>
    <td class="file">${r.visit ? sheetLabel(r.visit, zone) : ''}<span class="file-name">${r.file.split('/').pop()}</span></td>
    <td><span class="badge mail-${r.status}">${OUTCOME[r.status]}</span></td>
    <td class="answer">${r.response}</td>
    <td class="row-actions">${r.latest && r.visit ? resendControl(r.key, who, locks, index) : ''}</td>
  </tr>`;
}

/** A Resend button; where sheets are locked, with the date of birth to lock the copy with (its error is tied to it). */
function resendControl(key: string, who: string, locks: boolean, index: number): Html {
  if (!locks) return html`<button type="button" class="small" data-resend="${key}">Resend<span class="visually-hidden"> to ${who}</span></button>`;
  const id = `dob-${index}`;
  return html`<form class="resend-dob" data-resend-form="${key}">
      <label for="${id}" class="visually-hidden">Date of birth of ${who}</label>
      <input id="${id}" name="dob" type="text" inputmode="numeric" autocomplete="off" placeholder="Date of birth" aria-describedby="${id}-error" size="12">
      <span id="${id}-error" class="field-error" hidden></span>
      <button type="submit" class="small">Resend<span class="visually-hidden"> to ${who}</span></button>
    </form>`;
}
