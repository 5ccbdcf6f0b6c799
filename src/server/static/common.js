// Shared by the three pages: calling the API, showing its errors, printing a PDF. Plain JavaScript,
// no build step; loaded with `defer` from this server only.
'use strict';

const handout = (() => {
  /** POST JSON (or other bytes); resolves to the Response. */
  async function post(url, body, type = 'application/json') {
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': type },
      body: type === 'application/json' ? JSON.stringify(body) : body,
      credentials: 'same-origin',
    });
  }

  /** The API's errors of a failed response, as a list ({field, message, hint}). */
  async function errorsOf(res) {
    try {
      const body = await res.json();
      if (Array.isArray(body.errors)) return body.errors;
    } catch {}
    return [{ field: null, message: `the server answered ${res.status} ${res.statusText}` }];
  }

  /** Print a PDF through a hidden frame: the browser's print dialog, one job. */
  function printPdf(blob) {
    const url = URL.createObjectURL(blob);
    let frame = document.getElementById('print-frame');
    if (frame) frame.remove();
    frame = document.createElement('iframe');
    frame.id = 'print-frame';
    frame.className = 'print-frame';
    frame.title = 'Sheet to print';
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.addEventListener('load', () => {
      try {
        frame.contentWindow.focus();
        frame.contentWindow.print();
      } catch {
        window.open(url, '_blank', 'noopener');
      }
    });
    frame.src = url;
    document.body.append(frame);
  }

  async function printUrl(url) {
    const res = await fetch(url, { credentials: 'same-origin' });
    if (!res.ok) throw new Error((await errorsOf(res)).map((e) => e.message).join('; '));
    printPdf(await res.blob());
  }

  /** Save a response's PDF under the name the server gave it (Content-Disposition). */
  async function download(res) {
    const blob = await res.blob();
    const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '')?.[1] || 'handout.pdf';
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
    return name;
  }

  /** Put a message in a status region (kind: ok, error, busy). */
  function say(el, text, kind = 'ok') {
    el.textContent = text;
    el.dataset.kind = kind;
  }

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  return { post, errorsOf, printPdf, printUrl, download, say, sleep };
})();
