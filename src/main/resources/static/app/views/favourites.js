import {html, nothing} from 'lit';
import {Element} from '../ui/base.js';
import {api} from '../api.js';
import {player} from '../player.js';
import {favourites} from '../favourites.js';
import {icon} from '../icons.js';
import {plural} from '../format.js';
import '../ui/track-table.js';

/** The tracks the user starred, latest first. */
class FavouritesView extends Element {
  static properties = {tracks: {state: true}, error: {state: true}};

  constructor() {
    super();
    this.tracks = null;
    this.error = '';
    this.onSaved = () => this.load();
    this.listen(favourites, 'change');
  }

  connectedCallback() {
    super.connectedCallback();
    favourites.addEventListener('saved', this.onSaved);
    this.load();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    favourites.removeEventListener('saved', this.onSaved);
  }

  async load() {
    try {
      const list = await api('/api/lists/favourites?size=500');
      this.tracks = list.map((x) => x.track);
      this.error = '';
    } catch (e) {
      this.error = e.message;
    }
  }

  render() {
    // A heart just cleared hides its track at once, before the server's list comes back.
    const t = favourites.loaded ? this.tracks?.filter((x) => favourites.has('tracks', x.id)) : this.tracks;
    return html`<section class="view">
      <header class="view-head">
        <div><h1>Favourites</h1>${t ? html`<p class="muted">${plural(t.length, 'track')}</p>` : nothing}</div>
        <div class="head-actions">
          <button class="btn primary" ?disabled=${!t?.length} @click=${() => player.playTracks(t, 0)}>
            ${icon('play', 18)}Play</button>
          <button class="btn" ?disabled=${!t?.length} @click=${() => player.shufflePlay(t)}>
            ${icon('shuffle', 18)}Shuffle</button>
        </div>
      </header>
      ${this.error ? html`<div class="notice error" role="alert">${this.error}</div>` : nothing}
      ${t && !t.length ? html`<div class="empty-state"><h2>No favourites yet</h2>
        <p>Press <span class="inline-icon">${icon('heart', 16)}</span> on a track to keep it here.</p></div>` : nothing}
      ${t?.length ? html`<tm-track-table .tracks=${t} label="Favourite tracks"></tm-track-table>` : nothing}
      ${!t && !this.error ? html`<div class="loading"><span class="spinner"></span>Loading…</div>` : nothing}
    </section>`;
  }
}
customElements.define('tm-favourites-view', FavouritesView);
