// One playlist: its tracks in order. The owner reorders them by dragging a row, with the move buttons, or with
// Alt+↑/↓ on a focused row; each change shows at once and is saved in the background, one request after another,
// so the server ends with the order on screen. Others see a public playlist read-only: they can only play it.
import {html, nothing} from 'lit';
import {repeat} from 'lit/directives/repeat.js';
import {Element} from '../ui/base.js';
import {session} from '../api.js';
import {playlists} from '../playlists.js';
import {library} from '../library.js';
import {player} from '../player.js';
import {notify} from '../notify.js';
import {icon} from '../icons.js';
import {duration, longDuration, plural} from '../format.js';
import {artistLinks, heart} from '../ui/track-table.js';
import {addToPlaylist} from '../ui/playlist-picker.js';
import {router} from '../router.js';
import {editPlaylist, togglePublic, deletePlaylist, visibility} from './playlists.js';
import '../ui/cover.js';

const DRAG_TYPE = 'text/x-tm-playlist-index';
let keySeq = 0;

class PlaylistView extends Element {
  static properties = {
    playlistId: {}, playlist: {state: true}, entries: {state: true}, error: {state: true},
    dragFrom: {state: true}, dragOver: {state: true}, saving: {state: true},
  };

  constructor() {
    super();
    this.playlist = null;
    this.entries = [];
    this.error = '';
    this.dragFrom = -1;
    this.dragOver = -1;
    this.saving = 0;
    this.chain = Promise.resolve();
    this.gen = 0;
    this.onLibrary = () => this.load();
    this.listen(player, 'change');
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
    if (changed.has('playlistId')) this.load();
  }

  get own() {
    return this.playlist?.owner?.id === session.user?.id;
  }

  get tracks() {
    return this.entries.map((e) => e.track);
  }

  async load() {
    const id = this.playlistId;
    this.error = '';
    try {
      const p = await playlists.get(id);
      if (id === this.playlistId) this.show(p);
    } catch (e) {
      if (id !== this.playlistId) return;
      this.playlist = null;
      this.error = e.status === 404 ? 'This playlist does not exist (any more), or it is private.' : e.message;
    }
  }

  /** Takes the server's playlist; entries keep their keys (and so their rows and focus) when the order agrees. */
  show(p) {
    const ids = (p.tracks ?? []).map((t) => t.id);
    const same = this.playlist?.id === p.id && ids.length === this.entries.length
      && ids.every((t, i) => this.entries[i].track.id === t);
    if (!same) this.entries = (p.tracks ?? []).map((track) => ({key: ++keySeq, track}));
    this.playlist = p;
  }

  /**
   * Runs one change against the server after those before it. A failure says so and shows the server's state;
   * the changes queued behind it are dropped, since they were made on a screen that was not true.
   */
  save(call, failure) {
    this.saving++;
    const gen = this.gen;
    this.chain = this.chain.then(async () => {
      if (gen !== this.gen) {
        this.saving--;
        return;
      }
      try {
        const p = await call();
        // Only the answer to the last pending change describes what the screen shows.
        if (this.saving === 1 && p.id === this.playlistId) this.show(p);
      } catch (e) {
        this.gen++;
        notify(e.status === 409 ? `“${this.playlist?.name}” was changed elsewhere meanwhile; here is its order now.`
          : `${failure}: ${e.message}`, 'error');
        await this.load();
      } finally {
        this.saving--;
      }
    });
  }

  move(from, to, focus) {
    if (from === to || to < 0 || to >= this.entries.length) return;
    const entries = [...this.entries];
    const [moved] = entries.splice(from, 1);
    entries.splice(to, 0, moved);
    this.entries = entries;
    const id = this.playlist.id;
    this.save(() => playlists.move(id, from, to, moved.track.id), `Could not move “${moved.track.title}”`);
    if (focus) this.refocus(moved.key, focus);
  }

  /** After a keyboard move the same control of the moved row keeps focus, so the key can be pressed again. */
  async refocus(key, which) {
    await this.updateComplete;
    const row = this.querySelector(`li.pl-track[data-key="${key}"]`);
    if (!row) return;
    const wanted = row.querySelector(which);
    const target = wanted && !wanted.disabled ? wanted : row.querySelector('.move-up:not([disabled]), '
      + '.move-down:not([disabled])') ?? row;
    target.focus();
  }

  removeAt(index) {
    const [gone] = this.entries.slice(index, index + 1);
    if (!gone) return;
    this.entries = this.entries.filter((e) => e !== gone);
    const id = this.playlist.id;
    this.save(() => playlists.removeAt(id, index, gone.track.id), `Could not remove “${gone.track.title}”`);
    this.updateComplete.then(() => {
      const rows = this.querySelectorAll('li.pl-track');
      (rows[Math.min(index, rows.length - 1)]?.querySelector('.remove') ?? this.querySelector('h1'))?.focus();
    });
  }

  keydown(e, i) {
    if (!this.own || !e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const up = e.key === 'ArrowUp';
    this.move(i, up ? i - 1 : i + 1, up ? '.move-up' : '.move-down');
  }

  drop(e, to) {
    e.preventDefault();
    const from = Number(e.dataTransfer.getData(DRAG_TYPE));
    this.dragFrom = this.dragOver = -1;
    if (e.dataTransfer.types.includes(DRAG_TYPE) && Number.isInteger(from)) this.move(from, to);
  }

  async edit() {
    const p = await editPlaylist(this.playlist);
    if (p) this.show(p);
  }

  async toggle() {
    const p = await togglePublic(this.playlist);
    if (p) this.show(p);
  }

  // Not "remove": that is the DOM's own method, which Lit calls when the view leaves the page.
  async deleteIt() {
    if (await deletePlaylist(this.playlist)) router.go('/playlists');
  }

  row(e, i) {
    const t = e.track;
    const own = this.own;
    const current = player.track?.id === t.id;
    const playing = current && player.playing;
    const last = this.entries.length - 1;
    return html`<li class="pl-track ${current ? 'current' : ''} ${this.dragOver === i ? 'drop-target' : ''}
        ${this.dragFrom === i ? 'dragging' : ''}" data-key=${e.key} data-track-id=${t.id} data-index=${i}
        draggable=${own ? 'true' : 'false'}
        @keydown=${(ev) => this.keydown(ev, i)}
        @dragstart=${(ev) => {
          if (!own) return;
          ev.dataTransfer.setData(DRAG_TYPE, String(i));
          ev.dataTransfer.effectAllowed = 'move';
          this.dragFrom = i;
        }}
        @dragend=${() => { this.dragFrom = this.dragOver = -1; }}
        @dragover=${(ev) => {
          if (!own || !ev.dataTransfer.types.includes(DRAG_TYPE)) return;
          ev.preventDefault();
          ev.dataTransfer.dropEffect = 'move';
          this.dragOver = i;
        }}
        @drop=${(ev) => own && this.drop(ev, i)}>
      ${own ? html`<span class="grip" aria-hidden="true" title="Drag to reorder">${icon('grip', 18)}</span>`
        : nothing}
      <span class="pl-n num">${playing ? html`<span class="eq" aria-label="Playing"><i></i><i></i><i></i></span>`
        : i + 1}</span>
      <button class="queue-main" @click=${() => (current ? player.toggle() : player.playTracks(this.tracks, i))}
        aria-label="${current && player.playing ? 'Pause' : 'Play'} ${t.title}"
        aria-keyshortcuts=${own ? 'Alt+ArrowUp Alt+ArrowDown' : nothing}>
        <tm-cover .src=${t.coverUrl ?? ''} .label=${t.album?.title ?? t.title}></tm-cover>
        <span class="q-text"><span class="t">${t.title}</span><span class="sub">${t.artist}</span></span>
      </button>
      <span class="q-album hide-sm">${t.album
        ? html`<a href="/albums/${encodeURIComponent(t.album.id)}">${t.album.title}</a>` : ''}</span>
      <span class="num">${duration(t.durationMs)}</span>
      <span class="pl-actions">
        <span class="hide-sm">${heart('tracks', t)}</span>
        <button class="icon-btn small hide-sm" aria-label="Add ${t.title} to the queue" title="Add to queue"
          @click=${() => player.add([t])}>${icon('plus', 18)}</button>
        <button class="icon-btn small hide-sm" aria-label="Add ${t.title} to a playlist" title="Add to playlist"
          @click=${() => addToPlaylist([t])}>${icon('playlist', 18)}</button>
        ${own ? html`
          <button class="icon-btn small move-up" aria-label="Move ${t.title} up" title="Move up (Alt+↑)"
            ?disabled=${i === 0} @click=${() => this.move(i, i - 1, '.move-up')}>${icon('up', 18)}</button>
          <button class="icon-btn small move-down" aria-label="Move ${t.title} down" title="Move down (Alt+↓)"
            ?disabled=${i === last} @click=${() => this.move(i, i + 1, '.move-down')}>${icon('down', 18)}</button>
          <button class="icon-btn small remove" aria-label="Remove ${t.title} from the playlist"
            title="Remove from the playlist" @click=${() => this.removeAt(i)}>${icon('close', 18)}</button>`
          : nothing}
      </span>
    </li>`;
  }

  render() {
    if (this.error) {
      return html`<section class="view empty-state"><h1>Playlist not found</h1><p>${this.error}</p>
        <p><a href="/playlists">All playlists</a></p></section>`;
    }
    const p = this.playlist;
    if (!p || p.id !== this.playlistId) {
      return html`<section class="view"><div class="loading"><span class="spinner"></span>Loading…</div></section>`;
    }
    document.title = `${p.name} · Teammusic`;
    const own = this.own;
    const tracks = this.tracks;
    const total = tracks.reduce((s, t) => s + (t.durationMs ?? 0), 0);
    return html`<section class="view playlist-view ${own ? 'own' : 'read-only'}">
      <header class="hero">
        <tm-cover class="hero-cover" .src=${tracks.find((t) => t.coverUrl)?.coverUrl ?? ''} .label=${p.name}>
        </tm-cover>
        <div class="hero-text">
          <p class="eyebrow">Playlist ${visibility(p)}</p>
          <h1>${p.name}</h1>
          ${p.comment ? html`<p class="muted pl-description" data-testid="description">${p.comment}</p>` : nothing}
          <p class="hero-meta">
            <span>by <span data-testid="owner">${own ? 'you' : p.owner?.username}</span></span>
            <span data-testid="count">${plural(tracks.length, 'track')}</span>
            ${total ? html`<span>${longDuration(total)}</span>` : nothing}
            <span class="save-state" aria-live="polite" data-saving=${this.saving > 0}>${this.saving
              ? 'Saving…' : nothing}</span>
          </p>
          <div class="hero-actions">
            <button class="btn primary play-all" ?disabled=${!tracks.length}
              @click=${() => player.playTracks(tracks, 0)}>${icon('play', 18)}Play</button>
            <button class="btn" ?disabled=${!tracks.length} @click=${() => player.shufflePlay(tracks)}>
              ${icon('shuffle', 18)}Shuffle</button>
            <button class="btn ghost add-queue" ?disabled=${!tracks.length} @click=${() => player.add(tracks)}>
              ${icon('plus', 18)}Add to queue</button>
            ${own ? html`
              <button class="btn ghost edit" @click=${() => this.edit()}>${icon('edit', 18)}Edit</button>
              <button class="btn ghost vis-toggle" aria-pressed=${p.public} @click=${() => this.toggle()}>
                ${icon(p.public ? 'lock' : 'globe', 18)}${p.public ? 'Make private' : 'Make public'}</button>
              <button class="btn ghost delete" @click=${() => this.deleteIt()}>${icon('trash', 18)}Delete</button>`
              : nothing}
          </div>
          ${own ? nothing : html`<p class="muted small read-only-note">A public playlist of
            ${p.owner?.username}: you can play it, only they can change it.</p>`}
        </div>
      </header>
      ${tracks.length ? html`${own ? html`<p class="muted small reorder-hint">Drag a row, or focus it and press
          <kbd>Alt</kbd>+<kbd>↑</kbd> / <kbd>↓</kbd>, to change the order.</p>` : nothing}
        <ol class="pl-tracks" aria-label="Tracks of ${p.name}">
          ${repeat(this.entries, (e) => e.key, (e, i) => this.row(e, i))}</ol>`
        : html`<div class="empty-state" data-testid="empty-playlist"><h2>No tracks yet</h2>
          ${own ? html`<p>Press <span class="inline-icon">${icon('playlist', 16)}</span> on a track, an album or the
            queue to add it here.</p><p><a class="btn primary" href="/albums">Browse albums</a>
            <a class="btn" href="/tracks">All tracks</a></p>`
            : html`<p>${p.owner?.username} has not added any yet.</p>`}
          </div>`}
    </section>`;
  }
}
customElements.define('tm-playlist-view', PlaylistView);
