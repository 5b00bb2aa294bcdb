// The tracks table used by every view that lists tracks: sortable headers (when the view can sort), a play button
// per row, queue actions, and the admin's edit and delete.
import {html, nothing} from 'lit';
import {Element} from './base.js';
import {player} from '../player.js';
import {session, api} from '../api.js';
import {duration} from '../format.js';
import {icon} from '../icons.js';
import {notify} from '../notify.js';
import {confirmDialog} from './dialogs.js';
import {libraryChanged} from '../library.js';
import {favourites} from '../favourites.js';
import {addToPlaylist} from './playlist-picker.js';

/** A heart that stars or unstars a track or an album. */
export function heart(kind, item, size = 18) {
  const on = favourites.has(kind, item.id);
  return html`<button class="icon-btn small heart ${on ? 'on' : ''}" aria-pressed=${on}
    aria-label="${on ? 'Remove' : 'Add'} ${item.title} ${on ? 'from' : 'to'} favourites"
    title=${on ? 'Remove from favourites' : 'Add to favourites'}
    @click=${() => favourites.toggle(kind, item)}>${icon(on ? 'heartFull' : 'heart', size)}</button>`;
}

const COLUMNS = [
  {key: 'title', label: 'Title'},
  {key: 'artist', label: 'Artist', cls: 'hide-sm'},
  {key: 'album', label: 'Album', cls: 'hide-sm'},
  {key: 'year', label: 'Year', cls: 'num hide-sm'},
  {key: 'durationMs', label: 'Time', cls: 'num'},
];

class TrackTable extends Element {
  static properties = {
    tracks: {attribute: false},
    sort: {},
    sortable: {type: Boolean},
    numbers: {},
    hideAlbum: {type: Boolean, attribute: 'hide-album'},
    hideArtist: {type: Boolean, attribute: 'hide-artist'},
    label: {},
  };

  constructor() {
    super();
    this.tracks = [];
    this.sort = '';
    this.sortable = false;
    this.numbers = 'index';
    this.hideAlbum = false;
    this.hideArtist = false;
    this.label = 'Tracks';
    this.listen(player, 'change');
    this.listen(favourites, 'change');
  }

  columns() {
    return COLUMNS.filter((c) => !(this.hideAlbum && c.key === 'album') && !(this.hideArtist && c.key === 'artist'));
  }

  header(c) {
    const key = this.sort.replace(/^-/, '');
    const desc = this.sort.startsWith('-');
    const active = key === c.key;
    const aria = active ? (desc ? 'descending' : 'ascending') : 'none';
    if (!this.sortable) return html`<th scope="col" class=${c.cls ?? ''}>${c.label}</th>`;
    const next = active && !desc ? `-${c.key}` : c.key;
    return html`<th scope="col" class=${c.cls ?? ''} aria-sort=${aria}>
      <button class="sort ${active ? 'active' : ''}" data-sort=${c.key}
        @click=${() => this.dispatchEvent(new CustomEvent('sort', {detail: next}))}>
        ${c.label}<span class="arrow" aria-hidden="true">${active ? (desc ? '▾' : '▴') : ''}</span>
      </button></th>`;
  }

  async deleteTrack(t) {
    const ok = await confirmDialog({
      title: 'Delete track?',
      message: `“${t.title}” by ${t.artist} will be removed from the library for everyone.`,
      confirm: 'Delete', danger: true,
    });
    if (!ok) return;
    try {
      await api(`/api/tracks/${encodeURIComponent(t.id)}`, {method: 'DELETE'});
      notify(`Deleted “${t.title}”.`, 'success');
      libraryChanged({deleted: t.id});
    } catch (e) {
      notify(`Could not delete “${t.title}”: ${e.message}`, 'error');
    }
  }

  edit(t) {
    document.querySelector('tm-track-editor')?.open(t);
  }

  row(t, i) {
    const current = player.track?.id === t.id;
    const playing = current && player.playing;
    const num = this.numbers === 'track' ? (t.trackNumber ?? '') : i + 1;
    return html`<tr class=${current ? 'current' : ''} data-track-id=${t.id}
        @dblclick=${() => player.playTracks(this.tracks, i)}>
      <td class="num idx">
        <span class="n">${playing
          ? html`<span class="eq" aria-label="Playing"><i></i><i></i><i></i></span>` : num}</span>
        <button class="icon-btn small row-play" aria-label="Play ${t.title}" title="Play"
          @click=${() => (current ? player.toggle() : player.playTracks(this.tracks, i))}>
          ${icon(playing ? 'pause' : 'play', 16)}</button>
      </td>
      <td class="title-cell"><span class="t">${t.title}</span>
        ${this.hideArtist ? nothing : html`<span class="sub only-sm">${t.artist}</span>`}</td>
      ${this.hideArtist ? nothing : html`<td class="hide-sm">${artistLinks(t)}</td>`}
      ${this.hideAlbum ? nothing : html`<td class="hide-sm">${t.album
        ? html`<a href="/albums/${encodeURIComponent(t.album.id)}">${t.album.title}</a>` : ''}</td>`}
      <td class="num hide-sm">${t.year ?? ''}</td>
      <td class="num">${duration(t.durationMs)}</td>
      <td class="actions">
        ${heart('tracks', t)}
        <button class="icon-btn small play-next" aria-label="Play ${t.title} next" title="Play next"
          @click=${() => player.playNext([t])}>${icon('playNext', 18)}</button>
        <button class="icon-btn small" aria-label="Add ${t.title} to the queue" title="Add to queue"
          @click=${() => player.add([t])}>${icon('plus', 18)}</button>
        <button class="icon-btn small add-to-playlist" aria-label="Add ${t.title} to a playlist"
          title="Add to playlist" @click=${() => addToPlaylist([t])}>${icon('playlist', 18)}</button>
        ${session.isAdmin ? html`
          <button class="icon-btn small admin-only" aria-label="Edit ${t.title}" title="Edit tags"
            @click=${() => this.edit(t)}>${icon('edit', 18)}</button>
          <button class="icon-btn small admin-only" aria-label="Delete ${t.title}" title="Delete"
            @click=${() => this.deleteTrack(t)}>${icon('trash', 18)}</button>` : nothing}
      </td>
    </tr>`;
  }

  render() {
    if (!this.tracks?.length) return nothing;
    return html`<table class="tracks" aria-label=${this.label}>
      <thead><tr>
        <th scope="col" class="num idx">#</th>
        ${this.columns().map((c) => this.header(c))}
        <th scope="col" class="actions"><span class="sr-only">Actions</span></th>
      </tr></thead>
      <tbody>${this.tracks.map((t, i) => this.row(t, i))}</tbody>
    </table>`;
  }
}
customElements.define('tm-track-table', TrackTable);

/** The track's artists as links when the API names them one by one, else its display string. */
export function artistLinks(t) {
  if (t.artists?.length) {
    return t.artists.map((a, i) => html`${i ? ', ' : ''}<a href="/artists/${encodeURIComponent(a.id)}">${a.name}</a>`);
  }
  return t.artist ?? '';
}
