// Admin user management: create, change role, enable or disable, reset a password.
import {html, nothing, render} from 'lit';
import {Element} from '../ui/base.js';
import {api, session} from '../api.js';
import {notify} from '../notify.js';
import {date} from '../format.js';
import {icon} from '../icons.js';

function passwordDialog(user) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'dialog';
    dialog.setAttribute('aria-labelledby', 'pw-title');
    const done = (v) => {
      dialog.close();
      dialog.remove();
      resolve(v);
    };
    render(html`<form @submit=${(e) => { e.preventDefault(); done(e.target.password.value); }}>
      <h2 id="pw-title">New password for ${user.username}</h2>
      <label class="field"><span>Password</span>
        <input name="password" type="password" autocomplete="new-password" required minlength="8" autofocus></label>
      <div class="dialog-actions">
        <button type="button" class="btn ghost" @click=${() => done(null)}>Cancel</button>
        <button type="submit" class="btn primary">Set password</button>
      </div></form>`, dialog);
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(null); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

class UsersView extends Element {
  static properties = {users: {state: true}, error: {state: true}, formError: {state: true}, busy: {state: true}};

  constructor() {
    super();
    this.users = null;
    this.error = '';
    this.formError = '';
    this.busy = false;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      this.users = await api('/api/users');
      this.error = '';
    } catch (e) {
      this.error = e.message;
    }
  }

  async create(e) {
    e.preventDefault();
    const form = e.target;
    const f = new FormData(form);
    this.busy = true;
    this.formError = '';
    try {
      const u = await api('/api/users', {method: 'POST', body: {
        username: String(f.get('username')).trim(), password: String(f.get('password')), role: f.get('role'),
      }});
      notify(`Created the account “${u.username}”.`, 'success');
      form.reset();
      await this.load();
    } catch (err) {
      this.formError = err.message;
    } finally {
      this.busy = false;
    }
  }

  async change(u, patch, done) {
    try {
      await api(`/api/users/${encodeURIComponent(u.id)}`, {method: 'PATCH', body: patch});
      notify(done, 'success');
    } catch (err) {
      notify(`Could not change ${u.username}: ${err.message}`, 'error');
    }
    await this.load();
  }

  async resetPassword(u) {
    const pw = await passwordDialog(u);
    if (pw) this.change(u, {password: pw}, `Set a new password for ${u.username}.`);
  }

  row(u) {
    const self = u.id === session.user?.id;
    return html`<tr data-username=${u.username} class=${u.enabled ? '' : 'disabled'}>
      <td><span class="avatar small" aria-hidden="true">${u.username.slice(0, 1).toUpperCase()}</span>
        <span class="t">${u.username}</span>${self ? html` <span class="muted small">(you)</span>` : nothing}</td>
      <td><select aria-label="Role of ${u.username}" ?disabled=${self} data-testid="role"
          @change=${(e) => this.change(u, {role: e.target.value}, `${u.username} is now ${e.target.value === 'ADMIN'
            ? 'an administrator' : 'a listener'}.`)}>
        <option value="USER" ?selected=${u.role === 'USER'}>Listener</option>
        <option value="ADMIN" ?selected=${u.role === 'ADMIN'}>Administrator</option>
      </select></td>
      <td><label class="switch"><input type="checkbox" role="switch" .checked=${u.enabled} ?disabled=${self}
          aria-label="${u.username} may log in" data-testid="enabled"
          @change=${(e) => this.change(u, {enabled: e.target.checked}, `${u.username} is now ${e.target.checked
            ? 'enabled' : 'disabled'}.`)}><span class="slider" aria-hidden="true"></span>
          <span class="switch-label">${u.enabled ? 'Active' : 'Disabled'}</span></label></td>
      <td class="hide-sm muted">${date(u.createdAt)}</td>
      <td class="actions"><button class="btn small ghost" @click=${() => this.resetPassword(u)}>
        Reset password</button></td>
    </tr>`;
  }

  render() {
    return html`<section class="view">
      <header class="view-head"><div><h1>Users</h1>
        <p class="muted">Who can log in, and who may manage the library.</p></div></header>
      <form class="card create-user" @submit=${(e) => this.create(e)} aria-labelledby="new-user-title">
        <h2 id="new-user-title">${icon('plus', 18)}New account</h2>
        <div class="row-fields">
          <label class="field"><span>User name</span><input name="username" required autocomplete="off"
            autocapitalize="none" spellcheck="false"></label>
          <label class="field"><span>Password</span><input name="password" type="password" required
            autocomplete="new-password"></label>
          <label class="field"><span>Role</span><select name="role">
            <option value="USER">Listener</option><option value="ADMIN">Administrator</option></select></label>
          <button class="btn primary" type="submit" ?disabled=${this.busy}>Create</button>
        </div>
        ${this.formError ? html`<p class="form-error" role="alert">${this.formError}</p>` : nothing}
      </form>
      ${this.error ? html`<div class="notice error" role="alert">${this.error}</div>` : nothing}
      ${this.users ? html`<table class="users" aria-label="Accounts">
        <thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">Status</th>
          <th scope="col" class="hide-sm">Created</th>
          <th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
        <tbody>${this.users.map((u) => this.row(u))}</tbody></table>`
        : html`<div class="loading"><span class="spinner"></span>Loading…</div>`}
    </section>`;
  }
}
customElements.define('tm-users-view', UsersView);
