import {html, nothing} from 'lit';
import {Element} from '../ui/base.js';
import {api} from '../api.js';
import {library} from '../library.js';
import {player} from '../player.js';
import {icon} from '../icons.js';
import {hue, initials, plural} from '../format.js';
import '../ui/album-grid.js';
import '../ui/track-table.js';

class ArtistView extends Element {
  static properties = {artistId: {}, artist: {state: true}, error: {state: true}};

  constructor() {
    super();
    this.artist = null;
    this.error = '';
    this.onLibrary = () => this.load();
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
    if (changed.has('artistId')) this.load();
  }

  async load() {
    const id = this.artistId;
    this.error = '';
    try {
      const a = await api(`/api/artists/${encodeURIComponent(id)}`);
      if (id === this.artistId) this.artist = a;
    } catch (e) {
      if (id === this.artistId) {
        this.artist = null;
        this.error = e.status === 404 ? 'This artist is not in the library (any more).' : e.message;
      }
    }
  }

  render() {
    if (this.error) {
      return html`<section class="view empty-state"><h1>Artist not found</h1><p>${this.error}</p>
        <p><a href="/artists">All artists</a></p></section>`;
    }
    const a = this.artist;
    if (!a || a.id !== this.artistId) {
      return html`<section class="view"><div class="loading"><span class="spinner"></span>Loading…</div></section>`;
    }
    document.title = `${a.name} · Teammusic`;
    const tracks = a.tracks ?? [];
    const albums = a.albums ?? [];
    return html`<section class="view">
      <header class="hero">
        <span class="avatar-hero" style="--h:${hue(a.name)}" aria-hidden="true">${initials(a.name)}</span>
        <div class="hero-text">
          <p class="eyebrow">Artist</p>
          <h1>${a.name}</h1>
          <p class="hero-meta"><span>${plural(a.albumCount ?? albums.length, 'album')}</span>
            <span>${plural(a.trackCount ?? tracks.length, 'track')}</span></p>
          <div class="hero-actions">
            <button class="btn primary" ?disabled=${!tracks.length} @click=${() => player.playTracks(tracks, 0)}>
              ${icon('play', 18)}Play</button>
            <button class="btn" ?disabled=${!tracks.length} @click=${() => player.shufflePlay(tracks)}>
              ${icon('shuffle', 18)}Shuffle</button>
          </div>
        </div>
      </header>
      ${albums.length ? html`<h2 class="section-title">Albums</h2>
        <tm-album-grid .albums=${albums} .showArtist=${false}></tm-album-grid>` : nothing}
      ${tracks.length ? html`<h2 class="section-title">Tracks</h2>
        <tm-track-table .tracks=${tracks} hide-artist label="Tracks by ${a.name}"></tm-track-table>` : nothing}
    </section>`;
  }
}
customElements.define('tm-artist-view', ArtistView);
