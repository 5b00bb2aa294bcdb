// The app shell: navigation, search box, the routed view, and the player bar that stays while views change.
import {html, nothing} from 'lit';
import {Element} from './ui/base.js';
import {session} from './api.js';
import {router} from './router.js';
import {player} from './player.js';
import {uploads} from './uploads.js';
import {notify} from './notify.js';
import {icon} from './icons.js';
import {debounce} from './format.js';
import {installShortcuts, showHelp} from './ui/help.js';
import './ui/player-bar.js';
import './ui/toasts.js';
import './ui/track-editor.js';
import './views/login.js';
import './views/albums.js';
import './views/album.js';
import './views/artists.js';
import './views/artist.js';
import './views/tracks.js';
import './views/search.js';
import './views/queue.js';
import './views/upload.js';
import './views/users.js';
import './views/apps.js';
import './views/favourites.js';
import './views/playlists.js';
import './views/playlist.js';

const VIEWS = {
  albums: (r) => html`<tm-albums-view .query=${r.query}></tm-albums-view>`,
  album: (r) => html`<tm-album-view .albumId=${r.params.id}></tm-album-view>`,
  artists: () => html`<tm-artists-view></tm-artists-view>`,
  artist: (r) => html`<tm-artist-view .artistId=${r.params.id}></tm-artist-view>`,
  tracks: (r) => html`<tm-tracks-view .query=${r.query}></tm-tracks-view>`,
  search: (r) => html`<tm-search-view .q=${r.query.get('q') ?? ''}></tm-search-view>`,
  queue: () => html`<tm-queue-view></tm-queue-view>`,
  upload: () => html`<tm-upload-view></tm-upload-view>`,
  users: () => html`<tm-users-view></tm-users-view>`,
  apps: () => html`<tm-apps-view></tm-apps-view>`,
  favourites: () => html`<tm-favourites-view></tm-favourites-view>`,
  playlists: () => html`<tm-playlists-view></tm-playlists-view>`,
  playlist: (r) => html`<tm-playlist-view .playlistId=${r.params.id}></tm-playlist-view>`,
};

const NAV = [
  {href: '/albums', label: 'Albums', icon: 'album', views: ['albums', 'album']},
  {href: '/artists', label: 'Artists', icon: 'artist', views: ['artists', 'artist']},
  {href: '/tracks', label: 'Tracks', icon: 'track', views: ['tracks']},
  {href: '/favourites', label: 'Favourites', icon: 'heart', views: ['favourites']},
  {href: '/playlists', label: 'Playlists', icon: 'playlist', views: ['playlists', 'playlist']},
  {href: '/queue', label: 'Queue', icon: 'queue', views: ['queue']},
  {href: '/apps', label: 'Apps', icon: 'phone', views: ['apps']},
];
const ADMIN_NAV = [
  {href: '/upload', label: 'Upload', icon: 'upload', views: ['upload']},
  {href: '/users', label: 'Users', icon: 'users', views: ['users']},
];

class App extends Element {
  static properties = {navOpen: {state: true}};

  constructor() {
    super();
    this.navOpen = false;
    this.listen(router, 'change');
    this.listen(uploads, 'change');
    this.listen(player, 'change');
    this.searchLater = debounce((q) => this.search(q), 250);
    router.addEventListener('change', (e) => this.routed(e.detail.quiet));
    session.addEventListener('change', (e) => this.sessionChanged(e.detail.reason));
    player.setUser(session.user);
    installShortcuts();
    this.guard();
  }

  sessionChanged(reason) {
    if (!session.user) {
      player.suspend();
      if (reason === 'expired') notify('Your session has ended; please log in again.', 'error');
      this.guard();
    } else {
      player.setUser(session.user);
    }
    this.requestUpdate();
  }

  /** Sends a visitor without a session to the login page, remembering where they wanted to go. */
  guard() {
    if (!session.user && router.current.view !== 'login') {
      const here = location.pathname + location.search;
      router.go(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`, {replace: true});
    } else if (session.user && router.current.view === 'login') {
      router.go('/albums', {replace: true});
    }
  }

  routed(quiet) {
    this.guard();
    this.navOpen = false;
    if (quiet) return;
    document.querySelector('#main')?.scrollTo(0, 0);
    // Move focus to the new view's heading so screen readers announce the page change.
    this.updateComplete.then(() => requestAnimationFrame(() => {
      const h = document.querySelector('#main h1');
      if (h && document.activeElement?.id !== 'search') {
        h.setAttribute('tabindex', '-1');
        h.focus({preventScroll: true});
      }
    }));
  }

  updated() {
    // The box follows the address (back, forward, deep links) but never overwrites what the user is typing.
    const input = this.querySelector('#search');
    const r = router.current;
    if (input && document.activeElement !== input) input.value = r.view === 'search' ? (r.query.get('q') ?? '') : '';
  }

  search(q) {
    const query = q.trim();
    const onSearch = router.current.view === 'search';
    if (!query && !onSearch) return;
    router.go(query ? `/search?q=${encodeURIComponent(query)}` : '/search', {replace: onSearch});
  }

  async logout() {
    player.suspend();
    await session.logout();
    router.go('/login');
  }

  navLink(item) {
    const active = item.views.includes(router.current.view);
    return html`<a href=${item.href} class="nav-link ${active ? 'active' : ''}"
      aria-current=${active ? 'page' : 'false'}>${icon(item.icon)}<span>${item.label}</span>
      ${item.href === '/queue' && player.items.length
        ? html`<span class="count">${player.items.length}</span>` : nothing}
      ${item.href === '/upload' && uploads.pending ? html`<span class="count live">${uploads.pending}</span>` : nothing}
    </a>`;
  }

  renderView() {
    const r = router.current;
    if (r.admin && !session.isAdmin) {
      return html`<section class="view empty-state"><h1>Not available</h1>
        <p>This page is for administrators. <a href="/albums">Back to the library</a></p></section>`;
    }
    const view = VIEWS[r.view];
    if (!view) {
      return html`<section class="view empty-state"><h1>Page not found</h1>
        <p>There is nothing at this address. <a href="/albums">Go to the library</a></p></section>`;
    }
    return view(r);
  }

  render() {
    const r = router.current;
    if (!session.user || r.view === 'login') {
      return html`<tm-login-view .next=${r.query.get('next') ?? ''}></tm-login-view><tm-toasts></tm-toasts>`;
    }
    document.title = r.view === 'search' && r.query.get('q') ? `${r.query.get('q')} · Teammusic` : 'Teammusic';
    const u = session.user;
    return html`<div class="shell ${this.navOpen ? 'nav-open' : ''}">
      <aside class="sidebar" id="sidebar" aria-label="Main">
        <a class="brand" href="/albums"><img src="/app/favicon.svg" alt="" width="28" height="28">
          <span>Teammusic</span></a>
        <nav aria-label="Library"><p class="nav-heading">Library</p>${NAV.map((i) => this.navLink(i))}</nav>
        ${session.isAdmin ? html`<nav aria-label="Administration" class="admin-nav"><p class="nav-heading">Admin</p>
          ${ADMIN_NAV.map((i) => this.navLink(i))}</nav>` : nothing}
        <div class="user-box">
          <span class="avatar" aria-hidden="true">${u.username.slice(0, 1).toUpperCase()}</span>
          <span class="who"><span class="name" data-testid="username">${u.username}</span>
            <span class="role">${u.role === 'ADMIN' ? 'Administrator' : 'Listener'}</span></span>
          <button class="icon-btn" aria-label="Log out" title="Log out" @click=${() => this.logout()}>
            ${icon('logout')}</button>
        </div>
      </aside>
      <div class="scrim" @click=${() => { this.navOpen = false; }}></div>
      <div class="main-col">
        <header class="topbar">
          <button class="icon-btn menu-btn" aria-label="Menu" aria-controls="sidebar" aria-expanded=${this.navOpen}
            @click=${() => { this.navOpen = !this.navOpen; }}>${icon('menu')}</button>
          <form class="search" role="search" @submit=${(e) => { e.preventDefault(); this.searchLater.cancel();
            this.search(e.target.q.value); }}>
            ${icon('search', 18)}
            <input id="search" name="q" type="search" placeholder="Search tracks, albums, artists"
              aria-label="Search" autocomplete="off"
              @input=${(e) => this.searchLater(e.target.value)}>
            <kbd class="hint" aria-hidden="true">/</kbd>
          </form>
          <button class="icon-btn" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)"
            @click=${showHelp}>${icon('keyboard')}</button>
        </header>
        <main id="main" tabindex="-1">${this.renderView()}</main>
      </div>
      <tm-player-bar></tm-player-bar>
    </div>
    <tm-toasts></tm-toasts>
    <tm-track-editor></tm-track-editor>`;
  }
}
customElements.define('tm-app', App);
