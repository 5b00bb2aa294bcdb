// Bits of markup that several views share.
import {html, nothing} from 'lit';
import {session} from '../api.js';

export function loadingState(list) {
  if (list.error) {
    return html`<div class="notice error" role="alert">Could not load: ${list.error}
      <button class="btn ghost small" @click=${() => list.reset()}>Try again</button></div>`;
  }
  if (list.loading) return html`<div class="loading" aria-live="polite"><span class="spinner"></span>Loading…</div>`;
  return nothing;
}

export function emptyLibrary(what) {
  return html`<div class="empty-state">
    <h2>No ${what} yet</h2>
    ${session.isAdmin
      ? html`<p>Your library is empty. <a class="btn primary" href="/upload">Upload music</a></p>`
      : html`<p>Your library is empty. Ask an administrator to upload some music.</p>`}
  </div>`;
}

export function sortSelect(value, options, onChange) {
  return html`<label class="select-label"><span class="sr-only">Sort by</span>
    <select aria-label="Sort by" @change=${(e) => onChange(e.target.value)}>
      ${options.map(([v, label]) => html`<option value=${v} ?selected=${v === value}>${label}</option>`)}
    </select></label>`;
}
