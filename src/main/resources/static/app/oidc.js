// Login through the external OpenID Connect provider, done in the browser: authorization code with PKCE for a
// public client (no client secret exists to leak). The provider's endpoints come from its discovery document; the
// provider's access token is then the bearer token of every API call, and its refresh token (when it gives one)
// renews it. The code travels in the redirect back to /login, which is unavoidable in this flow; it is spent at
// once, bound to this tab's PKCE verifier, and wiped from the address bar before anything else loads.

const PENDING_KEY = 'tm.oidc.pending';

let configPromise = null;
const discoveries = new Map();

/** The server's public login settings: {localLogin, oidc: {issuer, clientId, scopes} | null}. */
export function authConfig() {
  configPromise ??= fetch('/api/auth/config')
    .then((res) => (res.ok ? res.json() : {localLogin: true, oidc: null}))
    .catch(() => {
      configPromise = null;
      return {localLogin: true, oidc: null};
    });
  return configPromise;
}

/** The provider's metadata; its issuer must be the configured one, or a mix-up could send codes elsewhere. */
function discovery(issuer) {
  let p = discoveries.get(issuer);
  if (!p) {
    p = fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)
      .then(async (res) => {
        if (!res.ok) throw new Error(`The identity provider answered ${res.status}.`);
        const doc = await res.json();
        if (doc.issuer !== issuer) throw new Error('The identity provider names another issuer.');
        return doc;
      })
      .catch((e) => {
        discoveries.delete(issuer);
        throw new Error(`The identity provider cannot be reached: ${e.message}`);
      });
    discoveries.set(issuer, p);
  }
  return p;
}

function redirectUri() {
  return `${location.origin}/login`;
}

function randomString(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Whether this page load is the provider sending the browser back after a login we started. */
export function isCallback(query) {
  return (query.has('code') || query.has('error')) && query.has('state') && !!sessionStorage.getItem(PENDING_KEY);
}

/** Sends the browser to the provider's login page; `next` is where the app goes afterwards. */
export async function startLogin(next) {
  const {oidc} = await authConfig();
  if (!oidc) throw new Error('No identity provider is configured.');
  if (!crypto.subtle) throw new Error('Single sign-on needs the app to be opened over HTTPS.');
  const provider = await discovery(oidc.issuer);
  const verifier = randomString(48);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = randomString(24);
  const nonce = randomString(24);
  // sessionStorage: this tab only, gone when it closes; the verifier never leaves the browser until the code is spent.
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({verifier, state, nonce, next, issuer: oidc.issuer,
    clientId: oidc.clientId}));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scopes,
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Spends the code of the redirect for tokens: {tokens, next}. Throws with words a person can act on. */
export async function finishLogin(query) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
  sessionStorage.removeItem(PENDING_KEY);
  if (!pending || query.get('state') !== pending.state) {
    throw new Error('This login answer does not belong to a login started here. Please log in again.');
  }
  if (query.get('error')) {
    throw new Error(query.get('error_description')
      || `The identity provider refused the login (${query.get('error')}).`);
  }
  const provider = await discovery(pending.issuer);
  const tokens = await tokenRequest(provider, {
    grant_type: 'authorization_code',
    code: query.get('code'),
    redirect_uri: redirectUri(),
    client_id: pending.clientId,
    code_verifier: pending.verifier,
  });
  if (tokens.id_token && claims(tokens.id_token)?.nonce !== pending.nonce) {
    throw new Error('The identity provider\'s answer does not match this login. Please log in again.');
  }
  return {tokens: {...tokens, issuer: pending.issuer, clientId: pending.clientId}, next: pending.next};
}

/** New tokens for a refresh token; null when the provider refuses it (the session is over). */
export async function refreshTokens(issuer, clientId, refreshToken) {
  const provider = await discovery(issuer);
  try {
    return await tokenRequest(provider,
      {grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId});
  } catch (e) {
    if (e.refused) return null;
    throw e;
  }
}

/** Ends the provider's session too when it advertises how; otherwise only the local session ends. */
export async function endProviderSession(issuer, clientId, idToken) {
  let provider;
  try {
    provider = await discovery(issuer);
  } catch {
    return false;
  }
  if (!provider.end_session_endpoint) return false;
  const url = new URL(provider.end_session_endpoint);
  const params = new URLSearchParams({client_id: clientId, post_logout_redirect_uri: redirectUri()});
  if (idToken) params.set('id_token_hint', idToken);
  url.search = params.toString();
  location.assign(url.toString());
  return true;
}

async function tokenRequest(provider, form) {
  let res;
  try {
    res = await fetch(provider.token_endpoint, {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams(form),
    });
  } catch {
    throw new Error('The identity provider cannot be reached. Check your connection.');
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok || !body.access_token) {
    const e = new Error(body.error_description || body.error || `The identity provider answered ${res.status}.`);
    e.refused = res.status === 400 || res.status === 401;
    throw e;
  }
  return body;
}

/** The payload of a JWT, unverified: only to compare the nonce of an ID token that came straight from TLS. */
function claims(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')));
  } catch {
    return null;
  }
}
