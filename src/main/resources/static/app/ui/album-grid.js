// Albums as a grid of covers; each cover has a play button that plays the whole album.
import {html, nothing} from 'lit';
import {Element} from './base.js';
import {api} from '../api.js';
import {player} from '../player.js';
import {icon} from '../icons.js';
import {notify} from '../notify.js';
import './cover.js';

export async function playAlbum(album, {shuffle = false, mode = 'play'} = {}) {
  try {
    const full = album.tracks ? album : await api(`/api/albums/${encodeURIComponent(album.id)}`);
    const tracks = full.tracks ?? [];
    if (!tracks.length) {
      notify(`“${album.title}” has no tracks.`);
      return;
    }
    if (mode === 'add') player.add(tracks);
    else if (mode === 'next') player.playNext(tracks);
    else if (shuffle) player.shufflePlay(tracks);
    else player.playTracks(tracks, 0);
  } catch (e) {
    notify(`Could not play “${album.title}”: ${e.message}`, 'error');
  }
}

class AlbumGrid extends Element {
  static properties = {albums: {attribute: false}, showArtist: {type: Boolean, attribute: 'show-artist'}};

  constructor() {
    super();
    this.albums = [];
    this.showArtist = true;
  }

  render() {
    return html`<ul class="album-grid" role="list">
      ${this.albums.map((a) => html`<li class="album-card" data-album-id=${a.id}>
        <div class="art">
          <a href="/albums/${encodeURIComponent(a.id)}" tabindex="-1" aria-hidden="true">
            <tm-cover .src=${a.coverUrl ?? ''} .label=${a.title}></tm-cover></a>
          <button class="fab play-album" aria-label="Play ${a.title}" title="Play"
            @click=${() => playAlbum(a)}>${icon('play', 22)}</button>
        </div>
        <a class="name" href="/albums/${encodeURIComponent(a.id)}">${a.title}</a>
        <div class="meta">
          ${this.showArtist && a.artist
            ? html`<a href="/artists/${encodeURIComponent(a.artist.id)}">${a.artist.name}</a>` : nothing}
          ${a.year ? html`<span>${this.showArtist ? ' · ' : ''}${a.year}</span>` : nothing}
        </div>
      </li>`)}
    </ul>`;
  }
}
customElements.define('tm-album-grid', AlbumGrid);
