// History-API routing: links inside the app change the view without reloading the page (so the player keeps
// playing), the back button walks the views, and every view has a real URL that the server answers with the page.

const routes = [
  {pattern: /^\/$/, view: 'albums'},
  {pattern: /^\/albums$/, view: 'albums'},
  {pattern: /^\/albums\/([^/]+)$/, view: 'album', params: ['id']},
  {pattern: /^\/artists$/, view: 'artists'},
  {pattern: /^\/artists\/([^/]+)$/, view: 'artist', params: ['id']},
  {pattern: /^\/tracks$/, view: 'tracks'},
  {pattern: /^\/search$/, view: 'search'},
  {pattern: /^\/queue$/, view: 'queue'},
  {pattern: /^\/apps$/, view: 'apps'},
  {pattern: /^\/favourites$/, view: 'favourites'},
  {pattern: /^\/playlists$/, view: 'playlists'},
  {pattern: /^\/playlists\/([^/]+)$/, view: 'playlist', params: ['id']},
  {pattern: /^\/upload$/, view: 'upload', admin: true},
  {pattern: /^\/users$/, view: 'users', admin: true},
  {pattern: /^\/login$/, view: 'login', public: true},
];

class Router extends EventTarget {
  constructor() {
    super();
    this.current = this.match();
    window.addEventListener('popstate', () => this.update());
    document.addEventListener('click', (e) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = e.composedPath().find((n) => n.tagName === 'A');
      if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
      const href = a.getAttribute('href');
      if (!href || !href.startsWith('/') || href.startsWith('/api/')) return;
      e.preventDefault();
      this.go(href);
    });
  }

  match(url = new URL(location.href)) {
    for (const r of routes) {
      const m = url.pathname.match(r.pattern);
      if (m) {
        const params = Object.fromEntries((r.params || []).map((name, i) => [name, decodeURIComponent(m[i + 1])]));
        return {...r, params, query: url.searchParams, path: url.pathname + url.search};
      }
    }
    return {view: 'not-found', params: {}, query: url.searchParams, path: url.pathname + url.search};
  }

  /** Opens a route; {replace: true} rewrites the current history entry (used while typing a search). */
  go(path, {replace = false} = {}) {
    if (path === location.pathname + location.search) {
      if (!replace) this.update();
      return;
    }
    history[replace ? 'replaceState' : 'pushState']({}, '', path);
    this.update(replace);
  }

  update(quiet = false) {
    this.current = this.match();
    this.dispatchEvent(new CustomEvent('change', {detail: {quiet}}));
  }
}

export const router = new Router();
