// "Add to playlist": a dialog that offers the user's own playlists and a field to start a new one with the tracks.
import {html, nothing, render} from 'lit';
import {playlists} from '../playlists.js';
import {notify} from '../notify.js';
import {icon} from '../icons.js';
import {plural, longDuration} from '../format.js';

const what = (tracks) => (tracks.length === 1 ? `“${tracks[0].title}”` : plural(tracks.length, 'track'));

/**
 * Asks which playlist gets {@code tracks} and adds them there, or to a new playlist. Resolves with the playlist
 * they went to, or null when the user cancelled. Failures are shown in the dialog, which stays open to retry.
 */
export function addToPlaylist(tracks, {title = 'Add to playlist', newName = ''} = {}) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'dialog picker';
    dialog.setAttribute('aria-labelledby', 'picker-title');
    const ids = tracks.map((t) => t.id);
    let busy = false;
    let error = '';

    const done = (value) => {
      playlists.removeEventListener('change', draw);
      dialog.close();
      dialog.remove();
      resolve(value);
    };

    const run = async (fn) => {
      busy = true;
      error = '';
      draw();
      try {
        done(await fn());
      } catch (e) {
        busy = false;
        error = e.message;
        draw();
      }
    };

    const addTo = (p) => run(async () => {
      let updated;
      try {
        updated = await playlists.addTracks(p.id, ids);
      } catch (e) {
        if (e.status !== 404) throw e;
        // Deleted meanwhile (in another tab or a Subsonic app): offer the playlists that are left.
        playlists.load();
        throw new Error(`The playlist “${p.name}” no longer exists.`);
      }
      notify(`Added ${what(tracks)} to “${updated.name}”.`, 'success');
      return updated;
    });

    const create = (e) => {
      e.preventDefault();
      const name = e.target.name.value.trim();
      run(async () => {
        const p = await playlists.create({name, trackIds: ids});
        notify(`Saved ${what(tracks)} in the new playlist “${p.name}”.`, 'success');
        return p;
      });
    };

    function draw() {
      const mine = playlists.mine;
      render(html`<h2 id="picker-title">${title}</h2>
        <p class="muted">${what(tracks)}</p>
        ${playlists.items === null && !playlists.error
          ? html`<div class="loading"><span class="spinner"></span>Loading playlists…</div>` : nothing}
        ${playlists.error ? html`<p class="form-error" role="alert">Could not load your playlists:
          ${playlists.error}</p>` : nothing}
        ${mine.length ? html`<ul class="pick-list" aria-label="Your playlists">${mine.map((p) => html`<li>
          <button class="pick" data-playlist=${p.name} ?disabled=${busy} @click=${() => addTo(p)}>
            ${icon('playlist', 18)}<span class="pick-name">${p.name}</span>
            <span class="muted small">${plural(p.trackCount, 'track')}${p.durationMs
              ? ` · ${longDuration(p.durationMs)}` : ''}</span>
          </button></li>`)}</ul>`
          : playlists.items ? html`<p class="muted small">You have no playlists yet: name the first one below.</p>`
            : nothing}
        <form class="new-playlist" @submit=${create}>
          <label class="field"><span>New playlist</span>
            <input name="name" required maxlength="200" autocomplete="off" placeholder="Name"
              .value=${newName} ?autofocus=${!mine.length}></label>
          <button class="btn primary" type="submit" ?disabled=${busy}>${icon('plus', 18)}Create</button>
        </form>
        ${error ? html`<p class="form-error" role="alert">${error}</p>` : nothing}
        <div class="dialog-actions">
          <button type="button" class="btn ghost" @click=${() => done(null)}>Cancel</button>
        </div>`, dialog);
    }

    playlists.addEventListener('change', draw);
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(null); });
    draw();
    document.body.append(dialog);
    dialog.showModal();
    playlists.load();
  });
}
