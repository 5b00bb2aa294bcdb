// The native API client: bearer tokens kept in localStorage, refreshed silently before they expire and once more
// when the server answers 401. Refresh tokens rotate (each is good for one use), so several tabs must never spend
// the same one: a Web Lock serialises refreshes across tabs, and a tab that waited re-reads what the winner stored.
// A session is either ours (password login) or the identity provider's (kind 'oidc', see oidc.js): then its tokens
// are the provider's, refreshed at the provider, and logging out may end the provider's session too.

import {endProviderSession, refreshTokens} from './oidc.js';

const STORE_KEY = 'tm.session';
const REFRESH_MARGIN_MS = 60_000;

/** An API failure with the server's problem detail, readable by people. */
export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super(problem?.detail || problem?.title || fallback || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

class Session extends EventTarget {
  constructor() {
    super();
    this.data = read();
    this.timer = 0;
    this.refreshing = null;
    // Another tab logged in, refreshed or logged out: follow it.
    window.addEventListener('storage', (e) => {
      if (e.key !== STORE_KEY) return;
      const before = this.data?.user?.id;
      this.data = read();
      this.schedule();
      if (!this.data || this.data.user?.id !== before) this.changed();
    });
    this.schedule();
  }

  get user() { return this.data?.user ?? null; }
  get isAdmin() { return this.user?.role === 'ADMIN'; }

  async login(username, password) {
    const res = await fetch('/api/auth/login', {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({username, password}),
    });
    const body = await parse(res);
    if (!res.ok) throw new ApiError(res.status, body, 'Login failed.');
    this.store(body);
    this.changed();
    return body.user;
  }

  /** Starts a session with the provider's tokens; the account behind them comes from /api/me. */
  async loginWithProvider(tokens) {
    this.storeProvider(tokens, tokens, null);
    let res;
    try {
      res = await fetch('/api/me', {headers: {Authorization: `Bearer ${tokens.access_token}`}});
    } catch {
      this.clear();
      throw new ApiError(0, null, 'The server cannot be reached. Check your connection.');
    }
    const body = await parse(res);
    if (!res.ok) {
      this.clear();
      if (res.status === 403) {
        throw new ApiError(403, null, 'You are signed in at the identity provider, but your account has no '
          + 'access to Teammusic. Ask an admin to add you to the right group.');
      }
      throw new ApiError(res.status, body, 'The server did not accept the identity provider\'s token.');
    }
    this.data.user = body;
    localStorage.setItem(STORE_KEY, JSON.stringify(this.data));
    this.changed();
    return body;
  }

  async logout() {
    const data = this.data;
    const token = data?.refreshToken;
    this.clear('logout');
    if (data?.kind === 'oidc') {
      await endProviderSession(data.issuer, data.clientId, data.idToken);
      return;
    }
    if (token) {
      await fetch('/api/auth/logout', {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({refreshToken: token}),
      }).catch(() => {});
    }
  }

  /** A valid access token, refreshing it first when it is about to expire. */
  async token() {
    if (!this.data) return null;
    if (Date.now() > this.data.expiresAt - REFRESH_MARGIN_MS) await this.refresh();
    return this.data?.accessToken ?? null;
  }

  /** Spends the refresh token for a new pair; on failure the session ends (and the app shows the login page). */
  refresh() {
    if (this.refreshing) return this.refreshing;
    const spent = this.data?.refreshToken;
    const run = async () => {
      const current = read();
      // Another tab refreshed while we waited for the lock: use its tokens instead of a spent refresh token.
      if (current && current.refreshToken !== spent) {
        this.data = current;
        this.schedule();
        return;
      }
      if (this.data?.kind === 'oidc') {
        await this.refreshProvider(spent);
        return;
      }
      if (!spent) return;
      let res;
      try {
        res = await fetch('/api/auth/refresh', {
          method: 'POST',
          headers: {'Content-Type': 'application/json'},
          body: JSON.stringify({refreshToken: spent}),
        });
      } catch {
        return; // offline: keep the session, the next call tries again
      }
      if (res.ok) {
        this.store(await res.json());
      } else if (res.status === 401 || res.status === 400) {
        this.clear('expired');
      }
    };
    const locked = navigator.locks ? navigator.locks.request('tm-refresh', run) : run();
    this.refreshing = locked.finally(() => { this.refreshing = null; });
    return this.refreshing;
  }

  async refreshProvider(refreshToken) {
    const data = this.data;
    if (!refreshToken) {
      // The provider gave no refresh token: the session lasts as long as its access token.
      if (Date.now() >= data.expiresAt - 5_000) this.clear('expired');
      return;
    }
    let tokens;
    try {
      tokens = await refreshTokens(data.issuer, data.clientId, refreshToken);
    } catch {
      return; // offline or the provider is down: keep the session, the next call tries again
    }
    if (tokens) this.storeProvider(tokens, data, data.user);
    else this.clear('expired');
  }

  /** Keeps what a refresh leaves out (Cognito sends no new refresh token, some send no new ID token). */
  storeProvider(tokens, previous, user) {
    this.data = {
      kind: 'oidc',
      issuer: previous.issuer,
      clientId: previous.clientId,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? previous.refresh_token ?? previous.refreshToken ?? null,
      idToken: tokens.id_token ?? previous.id_token ?? previous.idToken ?? null,
      expiresAt: Date.now() + (tokens.expires_in ?? 300) * 1000,
      user,
    };
    localStorage.setItem(STORE_KEY, JSON.stringify(this.data));
    this.schedule();
  }

  store(body) {
    const user = body.user ?? this.data?.user;
    this.data = {
      accessToken: body.accessToken,
      refreshToken: body.refreshToken,
      expiresAt: Date.now() + (body.expiresIn ?? 900) * 1000,
      user,
    };
    localStorage.setItem(STORE_KEY, JSON.stringify(this.data));
    this.schedule();
  }

  clear(reason) {
    const had = !!this.data;
    this.data = null;
    localStorage.removeItem(STORE_KEY);
    clearTimeout(this.timer);
    if (had) this.changed(reason);
  }

  schedule() {
    clearTimeout(this.timer);
    if (!this.data) return;
    const wait = Math.max(5_000, this.data.expiresAt - Date.now() - REFRESH_MARGIN_MS);
    this.timer = setTimeout(() => this.refresh(), wait);
  }

  changed(reason) {
    this.dispatchEvent(new CustomEvent('change', {detail: {reason}}));
  }
}

function read() {
  try {
    const v = JSON.parse(localStorage.getItem(STORE_KEY));
    return v && v.accessToken && (v.refreshToken || v.kind === 'oidc') && v.user ? v : null;
  } catch {
    return null;
  }
}

async function parse(res) {
  const type = res.headers.get('Content-Type') || '';
  if (res.status === 204) return null;
  if (type.includes('json')) return res.json().catch(() => null);
  return null;
}

export const session = new Session();

/** Calls the API as the logged-in user; JSON bodies in and out; throws ApiError with the server's words. */
export async function api(path, {method = 'GET', body, signal, raw = false} = {}) {
  const send = async () => {
    const token = await session.token();
    const headers = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, {method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body)});
  };
  let res;
  try {
    res = await send();
    if (res.status === 401 && session.data) {
      await session.refresh();
      if (session.data) res = await send();
      else throw new ApiError(401, null, 'Your session has ended; please log in again.');
    }
  } catch (e) {
    if (e.name === 'AbortError' || e instanceof ApiError) throw e;
    throw new ApiError(0, null, 'The server cannot be reached. Check your connection.');
  }
  if (raw && res.ok) return res;
  const data = await parse(res);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

// Cover images need the bearer header too, which an <img> cannot send: fetch them once, keep object URLs.
const covers = new Map();
const COVER_CACHE = 300;

export function coverObjectUrl(url) {
  if (!url) return Promise.resolve(null);
  if (/[?&]sig=/.test(url)) return Promise.resolve(url);
  let p = covers.get(url);
  if (p) {
    covers.delete(url);
    covers.set(url, p);
    return p;
  }
  p = api(url, {raw: true})
    .then((res) => res.blob())
    .then((b) => (b.size ? URL.createObjectURL(b) : null))
    .catch(() => null);
  covers.set(url, p);
  if (covers.size > COVER_CACHE) {
    const [oldest, old] = covers.entries().next().value;
    covers.delete(oldest);
    old.then((u) => u && u.startsWith('blob:') && URL.revokeObjectURL(u));
  }
  return p;
}
