// The day's mapping step: an export whose layout the clinic settings do not read yet is shown as
// `handout columns` shows it (each column and the field it gives, each service and status and what it
// becomes, the date format and order), with selects to change it, then saved to the clinic settings
// (PUT /api/config/mapping) or used once without saving. Built with textContent only (no HTML from data).
'use strict';

const handoutMapping = (() => {
  const FIELD_LABELS = {
    name: 'Name (the whole name)',
    first_name: 'First name',
    last_name: 'Last name',
    treatment: 'Treatment (standard or aggressive)',
    service: 'Service',
    status: 'Status',
    date: 'Date (or date and time)',
    time: 'Time',
    email: 'Email',
    timezone: 'Time zone',
    area: 'Area treated',
    concern: 'Concern',
    note: 'Note',
    language: 'Language',
    id: 'Appointment ID',
    dob: 'Date of birth',
  };
  const FOUND_BY = { config: 'from the clinic settings', name: 'by its name', suggested: 'a guess: check it' };
  const SERVICE_CHOICES = [
    ['standard', 'Standard'],
    ['aggressive', 'Aggressive'],
    ['skip', 'Not aftercare (skip)'],
  ];
  const STATUS_CHOICES = [
    ['made', 'Sheet made'],
    ['skip', 'Skipped (no visit)'],
  ];
  const STATUS_BY = { statuses: 'from the clinic settings', skipStatuses: 'skipped by the clinic settings', usual: 'a usual visit status' };

  let section;
  let state; // { answer, run, seq }

  const el = (tag, props = {}, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'text') e.textContent = v;
      else if (k === 'class') e.className = v;
      else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'for' || k === 'scope' || k === 'role') e.setAttribute(k, v);
      else e[k] = v;
    }
    e.append(...children.filter((c) => c !== null && c !== undefined));
    return e;
  };
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  function select(id, options, value, kind, key) {
    const s = el('select', { id, 'data-kind': kind, 'data-key': key });
    for (const [v, label] of options) s.append(el('option', { value: v, text: label, selected: v === value }));
    return s;
  }

  /** The choice as the selects say it (the mapping sent to the server). */
  function currentChoice() {
    const choice = { columns: {}, services: {}, statuses: {} };
    for (const s of section.querySelectorAll('select[data-kind]')) {
      const { kind, key } = s.dataset;
      if (kind === 'columns') choice.columns[key] = s.value === '' ? null : s.value;
      else if (kind === 'services' || kind === 'statuses') choice[kind][key] = s.value;
      else if (kind === 'dateOrder') choice.dateOrder = s.value;
    }
    return choice;
  }

  /** Needed fields no column is chosen for (the server says so too, on saving). */
  function missingFields(columns) {
    const chosen = new Set(Object.values(columns).filter(Boolean));
    const missing = [];
    if (!chosen.has('name') && !(chosen.has('first_name') && chosen.has('last_name'))) missing.push(chosen.has('first_name') ? 'the last name' : chosen.has('last_name') ? 'the first name' : 'the name');
    if (!chosen.has('treatment') && !chosen.has('service')) missing.push('the treatment or the service');
    if (!chosen.has('date')) missing.push('the date');
    return missing;
  }

  function columnsPart(answer) {
    const fields = [['', 'Not used'], ...answer.fields.map((f) => [f, FIELD_LABELS[f] || f])];
    const tbody = el('tbody');
    answer.headers.forEach((h, i) => {
      const id = `map-col-${i}`;
      const note = answer.choice.columns[h.header] && h.by ? FOUND_BY[h.by] : '';
      const s = select(id, fields, answer.choice.columns[h.header] || '', 'columns', h.header);
      if (note) s.setAttribute('aria-describedby', `${id}-by`);
      tbody.append(el('tr', {}, el('th', { scope: 'row' }, el('label', { for: id, text: h.header })), el('td', {}, s), el('td', { id: `${id}-by`, class: 'muted', text: note })));
    });
    return el(
      'div',
      { class: 'map-part' },
      el('h3', { id: 'map-columns-title', text: 'Columns' }),
      el('p', { class: 'hint', text: 'Each column of the file, and what it gives the sheet. A sheet needs the name, the treatment (or the service) and the date.' }),
      el('div', { class: 'table-wrap' }, el('table', { class: 'mapping-table', 'aria-labelledby': 'map-columns-title' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Column in the file' }), el('th', { scope: 'col', text: 'Read as' }), el('th', { scope: 'col', text: 'Found' }))), tbody)),
      el('p', { id: 'map-missing', class: 'field-error', role: 'status', hidden: true }),
    );
  }

  function servicesPart(answer) {
    if (!answer.services.length) return el('div', { id: 'map-services' });
    const tbody = el('tbody');
    answer.services.forEach((s, i) => {
      const id = `map-svc-${i}`;
      const note = s.entry !== undefined ? `from the clinic settings ("${s.entry}")` : 'a guess from its name: check it';
      const sel = select(id, SERVICE_CHOICES, answer.choice.services[s.service], 'services', s.service);
      sel.setAttribute('aria-describedby', `${id}-by`);
      tbody.append(el('tr', {}, el('th', { scope: 'row' }, el('label', { for: id, text: s.service })), el('td', { class: 'num', text: String(s.rows) }), el('td', {}, sel), el('td', { id: `${id}-by`, class: 'muted', text: note })));
    });
    return el(
      'div',
      { id: 'map-services', class: 'map-part' },
      el('h3', { id: 'map-services-title', text: 'Services' }),
      el('p', { class: 'hint', text: 'Which services are microneedling, and how deep. Aggressive adds the occlusive-balm instruction; which services are aggressive is the clinic\u2019s call.' }),
      el('div', { class: 'table-wrap' }, el('table', { class: 'mapping-table', 'aria-labelledby': 'map-services-title' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Service' }), el('th', { scope: 'col', class: 'num', text: 'Rows' }), el('th', { scope: 'col', text: 'Becomes' }), el('th', { scope: 'col', text: 'Found' }))), tbody)),
    );
  }

  function statusesPart(answer) {
    if (!answer.statuses.length) return el('div', { id: 'map-statuses' });
    const tbody = el('tbody');
    answer.statuses.forEach((s, i) => {
      const id = `map-st-${i}`;
      const note = s.by ? STATUS_BY[s.by] : 'not in the clinic settings: check it';
      const sel = select(id, STATUS_CHOICES, answer.choice.statuses[s.status], 'statuses', s.status);
      sel.setAttribute('aria-describedby', `${id}-by`);
      tbody.append(el('tr', {}, el('th', { scope: 'row' }, el('label', { for: id, text: s.status })), el('td', { class: 'num', text: String(s.rows) }), el('td', {}, sel), el('td', { id: `${id}-by`, class: 'muted', text: note })));
    });
    return el(
      'div',
      { id: 'map-statuses', class: 'map-part' },
      el('h3', { id: 'map-statuses-title', text: 'Statuses' }),
      el('div', { class: 'table-wrap' }, el('table', { class: 'mapping-table', 'aria-labelledby': 'map-statuses-title' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Status' }), el('th', { scope: 'col', class: 'num', text: 'Rows' }), el('th', { scope: 'col', text: 'Becomes' }), el('th', { scope: 'col', text: 'Found' }))), tbody)),
    );
  }

  function datesList(answer) {
    const list = el('ul', { id: 'map-dates', class: 'plain' });
    if (!answer.dates.length) list.append(el('li', { text: 'No dates found (choose the column that has the date).' }));
    for (const d of answer.dates) list.append(el('li', { text: `${d.style}: ${plural(d.rows, 'row', 'rows')}, e.g. \u201c${d.example}\u201d` }));
    return list;
  }

  function orderHint(answer, chosen) {
    const { evidence } = answer.dateOrder;
    const numeric = answer.dates.some((d) => /^(month|day)\/(day|month)\/year/.test(d.style));
    if (!numeric && !evidence) return 'The file writes no numeric dates (such as 11/24/2026), so the order does not change how it is read. Dates of birth are read in this order too.';
    if (!evidence) return 'Nothing in the file tells the two apart (no day above 12): check one date against the booking system.';
    const says = evidence === 'DMY' ? 'day first' : 'month first';
    return evidence === chosen ? `The file\u2019s own dates show ${says}.` : `The file\u2019s own dates show ${says}: with this order they would be read wrong.`;
  }

  function datesPart(answer) {
    const order = answer.choice.dateOrder;
    const s = select('map-order', [['MDY', 'Month first (11/24/2026)'], ['DMY', 'Day first (24/11/2026)']], order, 'dateOrder', 'dateOrder');
    s.setAttribute('aria-describedby', 'map-order-hint');
    return el(
      'div',
      { class: 'map-part' },
      el('h3', { text: 'Dates' }),
      datesList(answer),
      el('div', { class: 'field narrow' }, el('label', { for: 'map-order', text: 'Numeric dates are' }), s, el('p', { id: 'map-order-hint', class: 'hint', text: orderHint(answer, order) })),
    );
  }

  function settingsPart(answer) {
    const { settings } = answer;
    const textarea = el('textarea', { id: 'map-block', readOnly: true, rows: 8, spellcheck: false, 'aria-describedby': 'map-block-hint', value: answer.block });
    const copy = el('button', { type: 'button', id: 'map-copy', class: 'small', text: 'Copy' });
    const body = el(
      'div',
      { class: 'field' },
      el('label', { for: 'map-block', text: 'Settings to paste into the clinic config' }),
      textarea,
      el('p', { id: 'map-block-hint', class: 'hint', text: `${settings.format === 'yaml' ? 'YAML' : 'JSON'}: they replace the keys of the same name in the clinic\u2019s config file.` }),
      copy,
    );
    if (settings.canSave) {
      return el('details', { class: 'map-part block' }, el('summary', { text: 'Show the settings as text' }), el('p', { class: 'hint', text: `Saving writes them into ${settings.file}.` }), body);
    }
    return el('div', { class: 'map-part block' }, el('h3', { text: 'For the clinic settings' }), el('p', { id: 'map-cannot-save', class: 'result', 'data-kind': 'warn', text: settings.reason }), body);
  }

  function render(answer) {
    const { settings } = answer;
    section.replaceChildren(
      el('h2', { id: 'mapping-title', tabIndex: -1, text: `How to read ${answer.fileName}` }),
      el('p', { class: 'lede', text: 'The clinic settings do not read this booking system\u2019s export fully yet. Check what each column, service and status becomes. Once saved, an export laid out like this goes straight to the sheets.' }),
      el('ul', { id: 'map-gaps', class: 'gaps' }, ...answer.gaps.map((g) => el('li', { text: g.message }))),
      columnsPart(answer),
      servicesPart(answer),
      statusesPart(answer),
      datesPart(answer),
      settingsPart(answer),
      el(
        'div',
        { class: 'actions' },
        settings.canSave ? el('button', { type: 'button', id: 'map-save', class: 'primary', text: 'Save to clinic settings' }) : null,
        el('button', { type: 'button', id: 'map-go', class: settings.canSave ? '' : 'primary', text: 'Go on without saving' }),
      ),
      el('p', { id: 'map-status', class: 'result', role: 'status', 'aria-live': 'polite' }),
      el('div', { id: 'map-errors', class: 'form-errors', role: 'alert', hidden: true }),
    );
    showMissing();
  }

  function showMissing() {
    const missing = missingFields(currentChoice().columns);
    const p = section.querySelector('#map-missing');
    p.textContent = missing.length ? `No column is chosen for ${missing.join(', nor ')}.` : '';
    p.hidden = !missing.length;
  }

  /** After a change: the file read again with the choice so far (services found, dates, the block). */
  async function reread(kind) {
    const seq = ++state.seq;
    const res = await fetch(`/api/batches/inspect?upload=${encodeURIComponent(state.answer.upload)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(currentChoice()),
      credentials: 'same-origin',
    });
    if (seq !== state.seq) return;
    if (!res.ok) {
      showErrors(await handout.errorsOf(res), 'These choices cannot be used');
      return;
    }
    const answer = await res.json();
    state.answer = answer;
    hideErrors();
    // The list at the top stays: it says why the step is shown (what the saved settings lack).
    section.querySelector('#map-block').value = answer.block;
    if (kind === 'columns' || kind === 'dateOrder') {
      // The parts a column or the date order changes; the select in use is not among them, so focus stays.
      section.querySelector('#map-services').replaceWith(servicesPart(answer));
      section.querySelector('#map-statuses').replaceWith(statusesPart(answer));
      section.querySelector('#map-dates').replaceWith(datesList(answer));
      section.querySelector('#map-order-hint').textContent = orderHint(answer, answer.choice.dateOrder);
      handout.say(section.querySelector('#map-status'), 'The file was read again with these choices.', 'busy');
    }
  }

  function hideErrors() {
    const box = section.querySelector('#map-errors');
    box.hidden = true;
    box.replaceChildren();
    for (const s of section.querySelectorAll('select[aria-invalid]')) s.removeAttribute('aria-invalid');
  }

  /** The server's errors, each at its select when it names one (`services.<service>`). */
  function showErrors(list, title = 'Not saved') {
    hideErrors();
    const box = section.querySelector('#map-errors');
    box.append(el('h3', { text: title }), el('ul', {}, ...list.map((e) => el('li', { text: e.hint ? `${e.message}. ${e.hint}` : e.message }))));
    box.hidden = false;
    for (const e of list) {
      const m = /^(columns|services|statuses)\.(.*)$/s.exec(e.field || '');
      if (!m) continue;
      for (const s of section.querySelectorAll(`select[data-kind="${m[1]}"]`)) if (s.dataset.key === m[2]) s.setAttribute('aria-invalid', 'true');
    }
    const details = section.querySelector('details.block');
    if (details) details.open = true;
  }

  function busy(on) {
    for (const b of section.querySelectorAll('.actions button')) b.disabled = on;
  }

  async function copyBlock() {
    const area = section.querySelector('#map-block');
    const status = section.querySelector('#map-status');
    try {
      await navigator.clipboard.writeText(area.value);
    } catch {
      // Not a secure page (another desk over plain http): the older way.
      area.focus();
      area.select();
      if (!document.execCommand('copy')) {
        handout.say(status, 'Copying is not allowed here: the settings are selected, press Ctrl+C (or \u2318C).', 'warn');
        return;
      }
    }
    handout.say(status, 'Copied: paste the settings into the clinic config file.');
  }

  async function save() {
    const status = section.querySelector('#map-status');
    busy(true);
    hideErrors();
    handout.say(status, 'Saving…', 'busy');
    const res = await fetch(`/api/config/mapping?upload=${encodeURIComponent(state.answer.upload)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(currentChoice()),
      credentials: 'same-origin',
    });
    if (!res.ok) {
      status.textContent = '';
      showErrors(await handout.errorsOf(res));
      busy(false);
      return;
    }
    const saved = await res.json();
    handout.say(status, `Saved to ${saved.saved}. Making the sheets…`);
    await start(null);
  }

  async function goOn() {
    busy(true);
    hideErrors();
    handout.say(section.querySelector('#map-status'), 'Making the sheets with these choices (not saved)…', 'busy');
    await start(currentChoice());
  }

  async function start(choice) {
    const started = await state.run(choice);
    if (started === true) return;
    section.querySelector('#map-status').textContent = '';
    showErrors(started, 'The sheets were not made');
    busy(false);
  }

  /**
   * Show the step for an answer of POST /api/batches/inspect. `run(choice)` starts the upload's
   * batch (choice null: with the clinic settings as saved): true, or the errors when it could not.
   */
  function show(answer, run) {
    section = document.getElementById('mapping');
    state = { answer, run, seq: 0 };
    render(answer);
    section.hidden = false;
    section.onchange = (ev) => {
      const kind = ev.target.dataset && ev.target.dataset.kind;
      if (!kind) return;
      if (kind === 'columns') showMissing();
      reread(kind);
    };
    section.onclick = (ev) => {
      const button = ev.target.closest('button');
      if (!button || button.disabled) return;
      if (button.id === 'map-save') save();
      else if (button.id === 'map-go') goOn();
      else if (button.id === 'map-copy') copyBlock();
    };
    section.querySelector('#mapping-title').focus();
  }

  function hide() {
    const s = document.getElementById('mapping');
    if (s) {
      s.hidden = true;
      s.replaceChildren();
    }
  }

  return { show, hide };
})();
