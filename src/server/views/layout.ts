import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageFrame {
  /** Short page name for the title and the current nav item. */
  title: string;
  path: '/' | '/day' | '/sent' | '/login';
  clinicName: string;
  /** Running on the bundled example clinic (no config given). */
  isExample: boolean;
  /** Show the log-out button (a passcode is set). */
  loggedIn: boolean;
  scripts?: string[];
}

const NAV = [
  { path: '/', label: 'Checkout' },
  { path: '/day', label: 'The day' },
  { path: '/sent', label: 'Sent' },
] as const;

/** The frame every page shares: skip link, clinic header, navigation, the example-clinic notice. */
export function page(frame: PageFrame, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} &middot; ${frame.clinicName} &middot; Aftercare sheets</title>
<link rel="stylesheet" href="/static/app.css">
${(frame.scripts ?? []).map((s) => html`<script src="/static/${s}" defer></script>`)}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="top">
  <div class="top-inner">
    <a class="brand" href="/">
      <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><circle cx="16" cy="16" r="15" /><path d="M9 17.5c3.5 4.5 10.5 4.5 14 0M11 12h.01M21 12h.01" /></svg>
      <span class="brand-text"><span class="brand-clinic">${frame.clinicName}</span><span class="brand-product">Aftercare sheets</span></span>
    </a>
    ${frame.path === '/login'
      ? ''
      : html`<nav aria-label="Main">
      <ul>
        ${NAV.map((n) => html`<li><a href="${n.path}"${n.path === frame.path ? html` aria-current="page"` : ''}>${n.label}</a></li>`)}
      </ul>
    </nav>`}
    ${frame.loggedIn ? html`<form method="post" action="/logout" class="logout"><button type="submit" class="quiet">Log out</button></form>` : ''}
  </div>
</header>
${frame.isExample
  ? html`<div class="notice" role="note"><strong>Example clinic.</strong> No clinic config was given (<code>--config</code>, <code>$HANDOUT_CONFIG</code> or <code>./clinic.json</code>), so sheets show the example clinic's name and phone.</div>`
  : ''}
<main id="main" tabindex="-1">
${body}
</main>
</body>
</html>`;
}
