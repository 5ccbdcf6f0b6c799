import { html } from 'hono/html';
import type { Html } from './layout.js';

export function loginView(next: string, failed: boolean): Html {
  return html`<div class="login card">
  <h1>Staff log in</h1>
  <p class="lede">This page makes patients' aftercare sheets. Type the staff passcode to go on.</p>
  <form method="post" action="/login">
    <input type="hidden" name="next" value="${next}">
    <div class="field">
      <label for="passcode">Passcode</label>
      <input id="passcode" name="passcode" type="password" autocomplete="current-password" required${failed ? html` aria-invalid="true" aria-describedby="passcode-error"` : ''} autofocus>
      ${failed ? html`<p class="field-error" id="passcode-error">That passcode is not right. Try again.</p>` : ''}
    </div>
    <button type="submit" class="primary">Log in</button>
  </form>
</div>`;
}
