// The caller's app passwords, for Subsonic apps on phones and desktops (they cannot use the login password).
import {html, nothing} from 'lit';
import {Element} from '../ui/base.js';
import {api, session} from '../api.js';
import {notify} from '../notify.js';
import {date} from '../format.js';
import {icon} from '../icons.js';
import {confirmDialog} from '../ui/dialogs.js';

/** The epoch itself is never a real use: treat it as "not used yet", whatever the store wrote. */
const used = (p) => p.lastUsedAt && Date.parse(p.lastUsedAt) > 0;

class AppsView extends Element {
  static properties = {
    items: {state: true}, error: {state: true}, formError: {state: true}, created: {state: true}, busy: {state: true},
  };

  constructor() {
    super();
    this.items = null;
    this.error = '';
    this.formError = '';
    this.created = null;
    this.busy = false;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      this.items = await api('/api/app-passwords');
      this.error = '';
    } catch (e) {
      this.error = e.message;
    }
  }

  async create(e) {
    e.preventDefault();
    const form = e.target;
    this.busy = true;
    this.formError = '';
    try {
      this.created = await api('/api/app-passwords', {method: 'POST', body: {name: form.name.value.trim()}});
      form.reset();
      await this.load();
    } catch (err) {
      this.formError = err.message;
    } finally {
      this.busy = false;
    }
  }

  async revoke(p) {
    const ok = await confirmDialog({title: `Revoke “${p.name}”?`, confirm: 'Revoke', danger: true,
      message: 'Apps that use this password stop working at once.'});
    if (!ok) return;
    try {
      await api(`/api/app-passwords/${encodeURIComponent(p.id)}`, {method: 'DELETE'});
      notify(`Revoked “${p.name}”.`, 'success');
      if (this.created?.id === p.id) this.created = null;
    } catch (err) {
      notify(`Could not revoke “${p.name}”: ${err.message}`, 'error');
    }
    await this.load();
  }

  async copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      notify('Copied.', 'success');
    } catch {
      notify('Copying is not allowed here; select the text and copy it yourself.');
    }
  }

  render() {
    const c = this.created;
    return html`<section class="view narrow-view">
      <header class="view-head"><div><h1>Apps</h1>
        <p class="muted">Listen with a Subsonic app (on a phone, a desktop or a car). Give each device its own app
          password, so you can revoke one without touching the others.</p></div></header>
      <dl class="connect card">
        <div><dt>Server</dt><dd><code>${location.origin}</code></dd></div>
        <div><dt>User name</dt><dd><code>${session.user?.username}</code></dd></div>
        <div><dt>Password</dt><dd>an app password from below</dd></div>
      </dl>
      ${c ? html`<div class="card secret-card" role="status">
        <h2>${icon('check', 18)}App password for “${c.name}”</h2>
        <p class="muted">Enter it in the app now: it is shown only this once.</p>
        <div class="secret-row"><code data-testid="app-secret">${c.secret}</code>
          <button class="btn small" @click=${() => this.copy(c.secret)}>${icon('copy', 16)}Copy</button></div>
      </div>` : nothing}
      <form class="card inline-form" @submit=${(e) => this.create(e)} aria-labelledby="new-app-title">
        <h2 id="new-app-title">${icon('plus', 18)}New app password</h2>
        <div class="row-fields two">
          <label class="field"><span>Device or app</span><input name="name" required maxlength="100"
            placeholder="e.g. Phone, Living-room speaker" autocomplete="off"></label>
          <button class="btn primary" type="submit" ?disabled=${this.busy}>Create</button>
        </div>
        ${this.formError ? html`<p class="form-error" role="alert">${this.formError}</p>` : nothing}
      </form>
      ${this.error ? html`<div class="notice error" role="alert">${this.error}</div>` : nothing}
      ${this.items?.length ? html`<table class="users" aria-label="App passwords">
        <thead><tr><th scope="col">Device</th><th scope="col" class="hide-sm">Created</th><th scope="col">Last used</th>
          <th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
        <tbody>${this.items.map((p) => html`<tr data-app=${p.name}>
          <td><span class="t">${p.name}</span></td>
          <td class="hide-sm muted">${date(p.createdAt)}</td>
          <td class="muted">${used(p) ? date(p.lastUsedAt) : 'Never'}</td>
          <td class="actions"><button class="btn small ghost" @click=${() => this.revoke(p)}>Revoke</button></td>
        </tr>`)}</tbody></table>`
        : this.items ? html`<p class="muted">No app passwords yet.</p>` : nothing}
    </section>`;
  }
}
customElements.define('tm-apps-view', AppsView);
