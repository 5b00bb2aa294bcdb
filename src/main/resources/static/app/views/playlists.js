// The playlists page: the user's own (to make, rename, share and delete) and the public ones of others (to play).
import {html, nothing, render} from 'lit';
import {Element} from '../ui/base.js';
import {playlists} from '../playlists.js';
import {player} from '../player.js';
import {notify} from '../notify.js';
import {icon} from '../icons.js';
import {longDuration, plural} from '../format.js';
import {confirmDialog} from '../ui/dialogs.js';
import {router} from '../router.js';

/**
 * Asks for a playlist's name, description and visibility; resolves with {name, comment, public} or null. With
 * {@code save} the dialog calls it and stays open on failure, showing the server's words.
 */
export function playlistDialog({playlist = null, heading, save}) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'dialog playlist-form';
    dialog.setAttribute('aria-labelledby', 'playlist-form-title');
    let error = '';
    let busy = false;
    const done = (v) => {
      dialog.close();
      dialog.remove();
      resolve(v);
    };
    const submit = async (e) => {
      e.preventDefault();
      const f = e.target;
      const values = {name: f.name.value.trim(), comment: f.comment.value.trim(), public: f.isPublic.checked};
      busy = true;
      error = '';
      draw();
      try {
        done(await save(values));
      } catch (err) {
        busy = false;
        error = err.message;
        draw();
      }
    };
    const draw = () => render(html`<form @submit=${submit}>
      <h2 id="playlist-form-title">${heading}</h2>
      <label class="field"><span>Name</span><input name="name" required maxlength="200" autocomplete="off"
        .value=${playlist?.name ?? ''} autofocus></label>
      <label class="field"><span>Description</span><textarea name="comment" rows="3" maxlength="2000"
        .value=${playlist?.comment ?? ''} placeholder="Optional"></textarea></label>
      <label class="check"><input type="checkbox" name="isPublic" .checked=${!!playlist?.public}>
        <span>Public: everyone on this server can see and play it (only you can change it)</span></label>
      ${error ? html`<p class="form-error" role="alert">${error}</p>` : nothing}
      <div class="dialog-actions">
        <button type="button" class="btn ghost" @click=${() => done(null)}>Cancel</button>
        <button type="submit" class="btn primary" ?disabled=${busy}>${playlist ? 'Save' : 'Create'}</button>
      </div></form>`, dialog);
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(null); });
    draw();
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** The PATCH body for what changed between a playlist and the dialog's values (an empty comment clears it). */
export function changes(p, v) {
  const patch = {};
  if (v.name !== p.name) patch.name = v.name;
  if (v.comment !== (p.comment ?? '')) patch.comment = v.comment;
  if (v.public !== p.public) patch.public = v.public;
  return patch;
}

export async function editPlaylist(p) {
  return playlistDialog({playlist: p, heading: 'Edit playlist', save: async (v) => {
    const patch = changes(p, v);
    if (!Object.keys(patch).length) return p;
    const updated = await playlists.update(p.id, patch);
    notify(`Saved “${updated.name}”.`, 'success');
    return updated;
  }});
}

export async function togglePublic(p) {
  try {
    const updated = await playlists.update(p.id, {public: !p.public});
    notify(`“${updated.name}” is ${updated.public ? 'public' : 'private'} now.`, 'success');
    return updated;
  } catch (e) {
    notify(`Could not change “${p.name}”: ${e.message}`, 'error');
    return null;
  }
}

export async function deletePlaylist(p) {
  const ok = await confirmDialog({title: `Delete “${p.name}”?`, confirm: 'Delete', danger: true,
    message: `The playlist and its order are gone for good${p.public ? ', for everyone who sees it' : ''}. `
      + 'The tracks stay in the library.'});
  if (!ok) return false;
  try {
    await playlists.remove(p.id);
    notify(`Deleted “${p.name}”.`, 'success');
    return true;
  } catch (e) {
    notify(`Could not delete “${p.name}”: ${e.message}`, 'error');
    return false;
  }
}

export function visibility(p) {
  return p.public
    ? html`<span class="status-chip public" title="Everyone can see it">${icon('globe', 14)}Public</span>`
    : html`<span class="status-chip private" title="Only you can see it">${icon('lock', 14)}Private</span>`;
}

class PlaylistsView extends Element {
  constructor() {
    super();
    this.listen(playlists, 'change');
  }

  connectedCallback() {
    super.connectedCallback();
    playlists.load();
  }

  async create() {
    const p = await playlistDialog({heading: 'New playlist', save: async (v) => {
      const made = await playlists.create({name: v.name, comment: v.comment || undefined, isPublic: v.public});
      notify(`Created “${made.name}”.`, 'success');
      return made;
    }});
    if (p) router.go(`/playlists/${encodeURIComponent(p.id)}`);
  }

  async play(p) {
    try {
      const full = await playlists.get(p.id);
      if (full.tracks?.length) player.playTracks(full.tracks, 0);
      else notify(`“${p.name}” has no tracks yet.`);
    } catch (e) {
      notify(`Could not play “${p.name}”: ${e.message}`, 'error');
    }
  }

  card(p, own) {
    const href = `/playlists/${encodeURIComponent(p.id)}`;
    return html`<li class="playlist-row" data-playlist=${p.name}>
      <button class="icon-btn play-round" aria-label="Play ${p.name}" title="Play" ?disabled=${!p.trackCount}
        @click=${() => this.play(p)}>${icon('play', 18)}</button>
      <a class="pl-main" href=${href}>
        <span class="pl-name">${p.name}</span>
        <span class="sub">${own ? nothing : html`by <span data-testid="owner">${p.owner?.username}</span> · `}
          <span data-testid="count">${plural(p.trackCount, 'track')}</span>${p.durationMs
            ? html` · <span data-testid="duration">${longDuration(p.durationMs)}</span>` : nothing}</span>
        ${p.comment ? html`<span class="sub pl-comment">${p.comment}</span>` : nothing}
      </a>
      ${own ? html`<span class="pl-actions">
        <button class="btn small ghost vis-toggle" aria-pressed=${p.public}
          aria-label="${p.name} is ${p.public ? 'public' : 'private'}; make it ${p.public ? 'private' : 'public'}"
          title=${p.public ? 'Make private' : 'Make public'} @click=${() => togglePublic(p)}>${visibility(p)}</button>
        <button class="icon-btn small" aria-label="Edit ${p.name}" title="Rename or describe"
          @click=${() => editPlaylist(p)}>${icon('edit', 18)}</button>
        <button class="icon-btn small" aria-label="Delete ${p.name}" title="Delete"
          @click=${() => deletePlaylist(p)}>${icon('trash', 18)}</button>
      </span>` : html`<span class="pl-actions"><span class="status-chip readonly">Read-only</span></span>`}
    </li>`;
  }

  render() {
    const mine = playlists.mine;
    const shared = playlists.shared;
    const loaded = playlists.items !== null;
    return html`<section class="view playlists-view">
      <header class="view-head">
        <div><h1>Playlists</h1>${loaded ? html`<p class="muted">${plural(mine.length, 'playlist')} of yours${
          shared.length ? `, ${shared.length} shared by others` : ''}</p>` : nothing}</div>
        <div class="head-actions">
          <button class="btn primary new-playlist-btn" @click=${() => this.create()}>
            ${icon('plus', 18)}New playlist</button>
        </div>
      </header>
      ${playlists.error ? html`<div class="notice error" role="alert">Could not load: ${playlists.error}
        <button class="btn ghost small" @click=${() => playlists.load()}>Try again</button></div>` : nothing}
      ${!loaded && !playlists.error
        ? html`<div class="loading"><span class="spinner"></span>Loading…</div>` : nothing}
      ${loaded ? html`<h2 class="section-title">Yours</h2>
        ${mine.length ? html`<ul class="playlist-list mine" aria-label="Your playlists">
          ${mine.map((p) => this.card(p, true))}</ul>`
          : html`<div class="empty-state small-empty" data-testid="no-playlists"><h2>No playlists yet</h2>
            <p>Make one here, or press <span class="inline-icon">${icon('playlist', 16)}</span> on any track to
              start one with it. Playlists made in a Subsonic app show up here too.</p></div>`}
        <h2 class="section-title">Shared by others</h2>
        ${shared.length ? html`<ul class="playlist-list shared" aria-label="Public playlists of others">
          ${shared.map((p) => this.card(p, false))}</ul>`
          : html`<p class="muted">Nobody else has made a playlist public yet.</p>`}` : nothing}
    </section>`;
  }
}
customElements.define('tm-playlists-view', PlaylistsView);
