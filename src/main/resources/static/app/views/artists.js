import {html, nothing} from 'lit';
import {Element} from '../ui/base.js';
import {PagedList} from './paged.js';
import {loadingState, emptyLibrary} from './common.js';
import {hue, initials, plural} from '../format.js';

export function artistCards(artists) {
  return html`<ul class="artist-grid" role="list">${artists.map((a) => html`<li>
    <a class="artist-card" href="/artists/${encodeURIComponent(a.id)}" data-artist-id=${a.id}>
      <span class="avatar-lg" style="--h:${hue(a.name)}" aria-hidden="true">${initials(a.name)}</span>
      <span class="name">${a.name}</span>
      <span class="meta">${plural(a.albumCount ?? 0, 'album')} · ${plural(a.trackCount ?? 0, 'track')}</span>
    </a></li>`)}</ul>`;
}

class ArtistsView extends Element {
  constructor() {
    super();
    this.list = new PagedList(this, '/api/artists?sort=name', 100);
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.list.page < 0 && !this.list.loading) this.list.reset();
  }

  updated() {
    this.list.watch(this.querySelector('.sentinel'));
  }

  render() {
    const l = this.list;
    return html`<section class="view">
      <header class="view-head"><div><h1>Artists</h1>
        ${l.total != null ? html`<p class="muted">${plural(l.total, 'artist')}</p>` : nothing}</div></header>
      ${l.total === 0 ? emptyLibrary('artists') : artistCards(l.items)}
      ${loadingState(l)}
      <div class="sentinel"></div>
    </section>`;
  }
}
customElements.define('tm-artists-view', ArtistsView);
