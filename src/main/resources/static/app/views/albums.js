import {html, nothing} from 'lit';
import {Element} from '../ui/base.js';
import {router} from '../router.js';
import {PagedList} from './paged.js';
import {loadingState, emptyLibrary, sortSelect} from './common.js';
import {plural} from '../format.js';
import '../ui/album-grid.js';

const SORTS = [['-createdAt', 'Recently added'], ['title', 'Title'], ['artist', 'Artist'], ['-year', 'Newest'],
  ['year', 'Oldest']];

class AlbumsView extends Element {
  static properties = {query: {attribute: false}};

  constructor() {
    super();
    this.list = new PagedList(this, '/api/albums?sort=-createdAt');
  }

  get sort() {
    const s = this.query?.get('sort');
    return SORTS.some(([v]) => v === s) ? s : '-createdAt';
  }

  willUpdate(changed) {
    if (changed.has('query')) {
      const url = `/api/albums?sort=${encodeURIComponent(this.sort)}`;
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
        <div><h1>Albums</h1>${l.total != null ? html`<p class="muted">${plural(l.total, 'album')}</p>` : nothing}</div>
        <div class="head-actions">${sortSelect(this.sort, SORTS, (s) => router.go(`/albums?sort=${s}`))}</div>
      </header>
      ${l.total === 0 ? emptyLibrary('albums') : html`<tm-album-grid .albums=${l.items}></tm-album-grid>`}
      ${loadingState(l)}
      <div class="sentinel"></div>
    </section>`;
  }
}
customElements.define('tm-albums-view', AlbumsView);
