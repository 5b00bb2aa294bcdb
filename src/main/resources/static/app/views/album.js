import {html, nothing} from 'lit';
import {Element} from '../ui/base.js';
import {api} from '../api.js';
import {library} from '../library.js';
import {player} from '../player.js';
import {icon} from '../icons.js';
import {favourites} from '../favourites.js';
import {heart} from '../ui/track-table.js';
import {addToPlaylist} from '../ui/playlist-picker.js';
import {longDuration, plural} from '../format.js';
import '../ui/cover.js';
import '../ui/track-table.js';

class AlbumView extends Element {
  static properties = {albumId: {}, album: {state: true}, error: {state: true}};

  constructor() {
    super();
    this.album = null;
    this.error = '';
    this.onLibrary = () => this.load();
    this.listen(favourites, 'change');
  }

  connectedCallback() {
    super.connectedCallback();
    library.addEventListener('change', this.onLibrary);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    library.removeEventListener('change', this.onLibrary);
  }

  willUpdate(changed) {
    if (changed.has('albumId')) this.load();
  }

  async load() {
    const id = this.albumId;
    this.error = '';
    try {
      const a = await api(`/api/albums/${encodeURIComponent(id)}`);
      if (id === this.albumId) this.album = a;
    } catch (e) {
      if (id === this.albumId) {
        this.album = null;
        this.error = e.status === 404 ? 'This album is not in the library (any more).' : e.message;
      }
    }
  }

  render() {
    if (this.error) {
      return html`<section class="view empty-state"><h1>Album not found</h1><p>${this.error}</p>
        <p><a href="/albums">All albums</a></p></section>`;
    }
    const a = this.album;
    if (!a || a.id !== this.albumId) {
      return html`<section class="view"><div class="loading"><span class="spinner"></span>Loading…</div></section>`;
    }
    document.title = `${a.title} · Teammusic`;
    const tracks = a.tracks ?? [];
    const discs = new Set(tracks.map((t) => t.discNumber ?? 1)).size;
    return html`<section class="view hero-wrap">
      <tm-cover class="hero-backdrop" aria-hidden="true" .src=${a.coverUrl ?? ''} .label=${a.title}></tm-cover>
      <header class="hero">
        <tm-cover class="hero-cover" .src=${a.coverUrl ?? ''} .label=${a.title}></tm-cover>
        <div class="hero-text">
          <p class="eyebrow">${a.compilation ? 'Compilation' : 'Album'}</p>
          <h1>${a.title}</h1>
          <p class="hero-meta">
            ${a.artist ? html`<a href="/artists/${encodeURIComponent(a.artist.id)}">${a.artist.name}</a>` : nothing}
            ${a.year ? html`<span>${a.year}</span>` : nothing}
            <span>${plural(a.trackCount ?? tracks.length, 'track')}</span>
            ${a.durationMs ? html`<span>${longDuration(a.durationMs)}</span>` : nothing}
          </p>
          <div class="hero-actions">
            <button class="btn primary" ?disabled=${!tracks.length} @click=${() => player.playTracks(tracks, 0)}>
              ${icon('play', 18)}Play</button>
            <button class="btn" ?disabled=${!tracks.length} @click=${() => player.shufflePlay(tracks)}>
              ${icon('shuffle', 18)}Shuffle</button>
            <button class="btn ghost" ?disabled=${!tracks.length} @click=${() => player.add(tracks)}>
              ${icon('plus', 18)}Add to queue</button>
            <button class="btn ghost add-to-playlist" ?disabled=${!tracks.length}
              @click=${() => addToPlaylist(tracks, {newName: a.title})}>${icon('playlist', 18)}Add to playlist</button>
            ${heart('albums', a, 22)}
          </div>
        </div>
      </header>
      <tm-track-table .tracks=${tracks} numbers="track" hide-album label="Tracks of ${a.title}"
        class=${discs > 1 ? 'multi-disc' : ''}></tm-track-table>
    </section>`;
  }
}
customElements.define('tm-album-view', AlbumView);
