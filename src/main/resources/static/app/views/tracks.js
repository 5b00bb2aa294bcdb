import {html, nothing} from 'lit';
import {Element} from '../ui/base.js';
import {router} from '../router.js';
import {player} from '../player.js';
import {PagedList} from './paged.js';
import {loadingState, emptyLibrary} from './common.js';
import {plural} from '../format.js';
import {icon} from '../icons.js';
import '../ui/track-table.js';

const SORT_KEYS = ['title', 'artist', 'album', 'year', 'durationMs', 'createdAt'];

class TracksView extends Element {
  static properties = {query: {attribute: false}};

  constructor() {
    super();
    this.list = new PagedList(this, '/api/tracks?sort=title', 100);
  }

  get sort() {
    const s = this.query?.get('sort') ?? 'title';
    return SORT_KEYS.includes(s.replace(/^-/, '')) ? s : 'title';
  }

  willUpdate(changed) {
    if (changed.has('query')) {
      const url = `/api/tracks?sort=${encodeURIComponent(this.sort)}`;
      if (url !== this.list.url || this.list.page < 0) this.list.reset(url);
    }
  }

  updated() {
    this.list.watch(this.querySelector('.sentinel'));
  }

  render() {
    const l = this.list;
    return html`<section class="view">
      <header class="view-head">
        <div><h1>Tracks</h1>${l.total != null ? html`<p class="muted">${plural(l.total, 'track')}</p>` : nothing}</div>
        <div class="head-actions">
          <button class="btn" ?disabled=${!l.items.length} @click=${() => player.playTracks(l.items, 0)}>
            ${icon('play', 18)}Play all</button>
          <button class="btn ghost" ?disabled=${!l.items.length} @click=${() => player.shufflePlay(l.items)}>
            ${icon('shuffle', 18)}Shuffle</button>
        </div>
      </header>
      ${l.total === 0 ? emptyLibrary('tracks') : html`<tm-track-table .tracks=${l.items} sortable .sort=${this.sort}
        @sort=${(e) => router.go(`/tracks?sort=${e.detail}`, {replace: true})}></tm-track-table>`}
      ${loadingState(l)}
      <div class="sentinel"></div>
    </section>`;
  }
}
customElements.define('tm-tracks-view', TracksView);
