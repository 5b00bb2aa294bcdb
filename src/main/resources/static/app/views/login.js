import {html, nothing} from 'lit';
import {Element} from '../ui/base.js';
import {session} from '../api.js';
import {router} from '../router.js';

class LoginView extends Element {
  static properties = {next: {}, error: {state: true}, busy: {state: true}};

  constructor() {
    super();
    this.next = '';
    this.error = '';
    this.busy = false;
  }

  firstUpdated() {
    document.title = 'Log in · Teammusic';
    this.querySelector('input[name=username]')?.focus();
  }

  async submit(e) {
    e.preventDefault();
    const f = new FormData(e.target);
    this.busy = true;
    this.error = '';
    try {
      await session.login(String(f.get('username')).trim(), String(f.get('password')));
      // Only paths inside the app: a crafted ?next= must not send the user to another site.
      const next = this.next.startsWith('/') && !this.next.startsWith('//') ? this.next : '/albums';
      router.go(next, {replace: true});
    } catch (err) {
      this.error = err.status === 401 ? 'Wrong user name or password.' : err.message;
      this.querySelector('input[name=password]').select();
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`<main class="login-page" id="main">
      <form class="login-card" @submit=${(e) => this.submit(e)} aria-labelledby="login-title">
        <div class="brand big"><img src="/app/favicon.svg" alt="" width="44" height="44"><span>Teammusic</span></div>
        <h1 id="login-title">Log in</h1>
        <label><span>User name</span>
          <input name="username" autocomplete="username" required autocapitalize="none" spellcheck="false"></label>
        <label><span>Password</span>
          <input name="password" type="password" autocomplete="current-password" required></label>
        ${this.error ? html`<p class="form-error" role="alert" data-testid="login-error">${this.error}</p>` : nothing}
        <button class="btn primary block" type="submit" ?disabled=${this.busy}>
          ${this.busy ? 'Logging in…' : 'Log in'}</button>
      </form>
    </main>`;
  }
}
customElements.define('tm-login-view', LoginView);
