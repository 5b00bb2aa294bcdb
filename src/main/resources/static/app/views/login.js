import {html, nothing} from 'lit';
import {Element} from '../ui/base.js';
import {session} from '../api.js';
import {router} from '../router.js';
import {authConfig, finishLogin, isCallback, startLogin} from '../oidc.js';

/** Only paths inside the app: a crafted ?next= must not send the user to another site. */
function safeNext(next) {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/albums';
}

class LoginView extends Element {
  static properties = {next: {}, error: {state: true}, busy: {state: true}, config: {state: true},
    returning: {state: true}};

  constructor() {
    super();
    this.next = '';
    this.error = '';
    this.busy = false;
    this.config = null;
    this.returning = false;
  }

  connectedCallback() {
    super.connectedCallback();
    const query = new URLSearchParams(location.search);
    if (isCallback(query)) {
      this.returning = true;
      // The code must not stay in the address bar or the history, even though it is now useless to anyone else.
      history.replaceState({}, '', '/login');
      this.completeProviderLogin(query);
    }
    authConfig().then((c) => {
      this.config = c;
      this.updateComplete.then(() => this.querySelector('input[name=username]')?.focus());
    });
  }

  firstUpdated() {
    document.title = 'Log in · Teammusic';
  }

  async completeProviderLogin(query) {
    try {
      const {tokens, next} = await finishLogin(query);
      await session.loginWithProvider(tokens);
      router.go(safeNext(next), {replace: true});
    } catch (err) {
      this.error = err.message;
    } finally {
      this.returning = false;
    }
  }

  async providerLogin() {
    this.busy = true;
    this.error = '';
    try {
      await startLogin(safeNext(this.next));
    } catch (err) {
      this.error = err.message;
      this.busy = false;
    }
  }

  async submit(e) {
    e.preventDefault();
    const f = new FormData(e.target);
    this.busy = true;
    this.error = '';
    try {
      await session.login(String(f.get('username')).trim(), String(f.get('password')));
      router.go(safeNext(this.next), {replace: true});
    } catch (err) {
      this.error = err.status === 401 ? 'Wrong user name or password.' : err.message;
      this.querySelector('input[name=password]').select();
    } finally {
      this.busy = false;
    }
  }

  render() {
    const c = this.config;
    const sso = c?.oidc ? html`<button class="btn primary block" type="button" data-testid="sso-login"
        ?disabled=${this.busy || this.returning} @click=${() => this.providerLogin()}>
        ${this.returning ? 'Signing in…' : 'Log in with single sign-on'}</button>` : nothing;
    const error = this.error
      ? html`<p class="form-error" role="alert" data-testid="login-error">${this.error}</p>` : nothing;
    const brand = html`<div class="brand big"><img src="/app/favicon.svg" alt="" width="44" height="44">
      <span>Teammusic</span></div>`;
    if (c && !c.localLogin) {
      return html`<main class="login-page" id="main">
        <div class="login-card" aria-labelledby="login-title">${brand}
          <h1 id="login-title">Log in</h1>${error}${sso}</div>
      </main>`;
    }
    return html`<main class="login-page" id="main">
      <form class="login-card" @submit=${(e) => this.submit(e)} aria-labelledby="login-title">
        ${brand}
        <h1 id="login-title">Log in</h1>
        ${c?.oidc ? html`${sso}<p class="login-or"><span>or with a Teammusic account</span></p>` : nothing}
        <label><span>User name</span>
          <input name="username" autocomplete="username" required autocapitalize="none" spellcheck="false"></label>
        <label><span>Password</span>
          <input name="password" type="password" autocomplete="current-password" required></label>
        ${error}
        <button class="btn ${c?.oidc ? '' : 'primary'} block" type="submit" ?disabled=${this.busy}>
          ${this.busy ? 'Logging in…' : 'Log in'}</button>
      </form>
    </main>`;
  }
}
customElements.define('tm-login-view', LoginView);
