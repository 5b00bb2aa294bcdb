import {html, nothing} from 'lit';
import {Element} from '../ui/base.js';
import {api} from '../api.js';
import {library} from '../library.js';
import {artistCards} from './artists.js';
import '../ui/album-grid.js';
import '../ui/track-table.js';

class SearchView extends Element {
  static properties = {q: {}, result: {state: true}, error: {state: true}, loading: {state: true}};

  constructor() {
    super();
    this.q = '';
    this.result = null;
    this.error = '';
    this.loading = false;
    this.onLibrary = () => this.load();
  }

  connectedCallback() {
    super.connectedCallback();
    library.addEventListener('change', this.onLibrary);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    library.removeEventListener('change', this.onLibrary);
    this.abort?.abort();
  }

  willUpdate(changed) {
    if (changed.has('q')) this.load();
  }

  async load() {
    this.abort?.abort();
    const q = this.q.trim();
    if (!q) {
      this.result = null;
      return;
    }
    const ctl = new AbortController();
    this.abort = ctl;
    this.loading = true;
    try {
      const r = await api(`/api/search?q=${encodeURIComponent(q)}&limit=20`, {signal: ctl.signal});
      this.result = {q, ...r};
      this.error = '';
    } catch (e) {
      if (e.name !== 'AbortError') this.error = e.message;
    } finally {
      if (this.abort === ctl) this.loading = false;
    }
  }

  render() {
    const r = this.result;
    const q = this.q.trim();
    const none = r && !r.tracks?.length && !r.albums?.length && !r.artists?.length;
    return html`<section class="view search-view">
      <header class="view-head"><div><h1>${q ? html`Results for “${q}”` : 'Search'}</h1>
        ${this.loading ? html`<p class="muted" aria-live="polite">Searching…</p>` : nothing}</div></header>
      ${!q ? html`<div class="empty-state"><p>Type in the search box above to find tracks, albums and artists.</p>
        </div>` : nothing}
      ${this.error ? html`<div class="notice error" role="alert">Search failed: ${this.error}</div>` : nothing}
      ${none && !this.loading ? html`<div class="empty-state" data-testid="no-results">
        <h2>Nothing found</h2><p>No track, album or artist matches “${r.q}”.</p></div>` : nothing}
      ${r?.tracks?.length ? html`<h2 class="section-title">Tracks</h2>
        <tm-track-table class="search-tracks" .tracks=${r.tracks} label="Matching tracks"></tm-track-table>` : nothing}
      ${r?.albums?.length ? html`<h2 class="section-title">Albums</h2>
        <tm-album-grid .albums=${r.albums}></tm-album-grid>` : nothing}
      ${r?.artists?.length ? html`<h2 class="section-title">Artists</h2>${artistCards(r.artists)}` : nothing}
    </section>`;
  }
}
customElements.define('tm-search-view', SearchView);
