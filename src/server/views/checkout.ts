import { html } from 'hono/html';
import { LIMITS } from '../../schema/visit.js';
import type { Choice } from '../../choices.js';
import type { Html } from './layout.js';

export interface CheckoutModel {
  /** Now in the clinic's zone, for the date field: 2026-11-23T14:30. */
  now: string;
  timeZone: string;
  languages: { code: string; label: string }[];
  language: string;
  paper: 'letter' | 'a4';
  /** The areas and concerns offered (rules/areas-and-concerns.json and the clinic's own), in the clinic's language. */
  choices: { areas: Choice[]; concerns: Choice[] };
}

// The label is offered; the visit's area or concern is matched through every language's words.
const options = (choices: Choice[]) => choices.map((c) => html`<option value="${c.label}">`);

const err = (field: string) => html`<p class="field-error" id="err-${field}" hidden></p>`;

/** The checkout form and the live preview of the sheet. */
export function checkoutView(m: CheckoutModel): Html {
  return html`<div class="page-head">
  <h1>Checkout</h1>
  <p class="lede">The patient's aftercare sheet, dated for their visit. The preview follows what you type.</p>
</div>
<div class="checkout">
  <form id="visit" class="card form" novalidate>
    <div class="field">
      <label for="f-name">Name</label>
      <input id="f-name" name="name" type="text" maxlength="${LIMITS.name}" autocomplete="off" spellcheck="false" required>
      ${err('name')}
    </div>
    <fieldset class="field treatment" id="f-treatment">
      <legend>Treatment</legend>
      <div class="choices">
        <label class="choice"><input type="radio" name="treatment" value="standard" checked> <span>Standard</span></label>
        <label class="choice"><input type="radio" name="treatment" value="aggressive" aria-describedby="treatment-hint"> <span>Aggressive</span></label>
      </div>
      <p class="hint" id="treatment-hint">Aggressive adds the occlusive balm to the sheet.</p>
      ${err('treatment')}
    </fieldset>
    <div class="field">
      <label for="f-date">Date and time</label>
      <input id="f-date" name="date" type="datetime-local" value="${m.now}" required aria-describedby="date-hint">
      <p class="hint" id="date-hint">Clinic time (${m.timeZone}).</p>
      ${err('date')}
    </div>
    <div class="row-2">
      <div class="field">
        <label for="f-area">Area</label>
        <input id="f-area" name="area" type="text" maxlength="${LIMITS.area}" list="areas" autocomplete="off">
        <datalist id="areas">${options(m.choices.areas)}</datalist>
        ${err('area')}
      </div>
      <div class="field">
        <label for="f-concern">Concern</label>
        <input id="f-concern" name="concern" type="text" maxlength="${LIMITS.concern}" list="concerns" autocomplete="off">
        <datalist id="concerns">${options(m.choices.concerns)}</datalist>
        ${err('concern')}
      </div>
    </div>
    <div class="field">
      <label for="f-note">Note</label>
      <textarea id="f-note" name="note" rows="3" maxlength="${LIMITS.note}" aria-describedby="note-count"></textarea>
      <p class="hint count" id="note-count" data-max="${LIMITS.note}">0 of ${LIMITS.note} characters</p>
      ${err('note')}
    </div>
    <div class="row-2">
      <div class="field">
        <label for="f-language">Language</label>
        <select id="f-language" name="language">
          ${m.languages.map((l) => html`<option value="${l.code}"${l.code === m.language ? html` selected` : ''}>${l.label}</option>`)}
        </select>
        ${err('language')}
      </div>
      <div class="field">
        <label for="f-paper">Paper</label>
        <select id="f-paper" name="paper">
          <option value="letter"${m.paper === 'letter' ? html` selected` : ''}>Letter</option>
          <option value="a4"${m.paper === 'a4' ? html` selected` : ''}>A4</option>
        </select>
        ${err('paper')}
      </div>
    </div>
    <div class="field">
      <label for="f-email">Email <span class="optional">(optional)</span></label>
      <input id="f-email" name="email" type="email" maxlength="${LIMITS.email}" autocomplete="off" spellcheck="false" aria-describedby="email-hint">
      <p class="hint" id="email-hint">Needed only to email the sheet. Each patient gets it once.</p>
      ${err('email')}
    </div>
    <div class="actions">
      <button type="button" id="print" class="primary">Print</button>
      <button type="button" id="download">Download</button>
      <button type="button" id="calendar" aria-describedby="calendar-hint">Calendar</button>
      <button type="button" id="email">Email</button>
    </div>
    <p class="hint" id="calendar-hint">Calendar: the recovery's dates as a file for the patient's phone calendar.</p>
    <div id="result" class="result" role="status" aria-live="polite"></div>
    <p class="form-errors" id="form-errors" role="alert" hidden></p>
  </form>
  <section class="card preview" aria-labelledby="preview-title">
    <div class="preview-head">
      <h2 id="preview-title">Preview</h2>
      <p class="preview-status" id="preview-status">Type a name to see the sheet.</p>
    </div>
    <div class="preview-frame">
      <canvas id="preview" role="img" aria-label="Preview of the aftercare sheet" hidden></canvas>
      <div class="preview-empty" id="preview-empty" aria-hidden="true"><div class="sheet-ghost"><span></span><span></span><span></span><span></span><span></span></div></div>
    </div>
  </section>
</div>`;
}
