// The admin's tag editor: PATCH /api/tracks/{id} with the fields that changed.
import {html, nothing} from 'lit';
import {Element} from './base.js';
import {api} from '../api.js';
import {notify} from '../notify.js';
import {libraryChanged} from '../library.js';

const FIELDS = [
  {key: 'title', label: 'Title', wide: true},
  {key: 'artists', label: 'Artists', hint: 'Separate several with a semicolon', list: true, wide: true},
  {key: 'album', label: 'Album', wide: true},
  {key: 'albumArtist', label: 'Album artist', wide: true},
  {key: 'trackNumber', label: 'Track', num: true},
  {key: 'trackTotal', label: 'of', num: true},
  {key: 'discNumber', label: 'Disc', num: true},
  {key: 'discTotal', label: 'of', num: true},
  {key: 'year', label: 'Year', num: true},
  {key: 'genres', label: 'Genres', hint: 'Separate with a semicolon', list: true, cls: 'span3'},
  {key: 'composer', label: 'Composer', cls: 'span4'},
];

function valueOf(t, f) {
  switch (f.key) {
    case 'artists': return (t.artists ?? []).map((a) => a.name).join('; ') || t.artist || '';
    case 'album': return t.album?.title ?? '';
    case 'albumArtist': return t.albumArtist?.name ?? '';
    case 'genres': return (t.genres ?? []).join('; ');
    default: return t[f.key] ?? '';
  }
}

class TrackEditor extends Element {
  static properties = {track: {state: true}, error: {state: true}, busy: {state: true}};

  constructor() {
    super();
    this.track = null;
    this.error = '';
    this.busy = false;
  }

  open(track) {
    this.track = track;
    this.error = '';
    this.updateComplete.then(() => this.querySelector('dialog').showModal());
  }

  close() {
    this.querySelector('dialog')?.close();
    this.track = null;
  }

  async save(e) {
    e.preventDefault();
    const form = new FormData(e.target);
    const patch = {};
    for (const f of FIELDS) {
      const raw = String(form.get(f.key) ?? '').trim();
      if (raw === String(valueOf(this.track, f))) continue;
      if (f.list) patch[f.key] = raw.split(';').map((s) => s.trim()).filter(Boolean);
      else if (f.num) patch[f.key] = raw === '' ? null : Number(raw);
      else patch[f.key] = raw;
    }
    if (!Object.keys(patch).length) {
      this.close();
      return;
    }
    this.busy = true;
    try {
      const updated = await api(`/api/tracks/${encodeURIComponent(this.track.id)}`, {method: 'PATCH', body: patch});
      notify(`Saved “${updated.title}”.`, 'success');
      libraryChanged({updated});
      this.close();
    } catch (err) {
      this.error = err.message;
    } finally {
      this.busy = false;
    }
  }

  render() {
    const t = this.track;
    return html`<dialog class="dialog editor" aria-labelledby="editor-title" @close=${() => { this.track = null; }}>
      ${t ? html`<form @submit=${(e) => this.save(e)}>
        <h2 id="editor-title">Edit tags</h2>
        <p class="muted small">${t.originalFilename ?? ''}</p>
        <div class="form-grid">
          ${FIELDS.map((f) => html`<label class=${f.cls ?? (f.wide ? 'wide' : f.num ? 'narrow' : '')}>
            <span>${f.label}</span>
            <input name=${f.key} .value=${String(valueOf(t, f))} type=${f.num ? 'number' : 'text'}
              min=${f.num ? 0 : nothing} ?required=${f.key === 'title'}>
            ${f.hint ? html`<small>${f.hint}</small>` : nothing}
          </label>`)}
        </div>
        ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
        <div class="dialog-actions">
          <button type="button" class="btn ghost" @click=${() => this.close()}>Cancel</button>
          <button type="submit" class="btn primary" ?disabled=${this.busy}>Save</button>
        </div>
      </form>` : nothing}
    </dialog>`;
  }
}
customElements.define('tm-track-editor', TrackEditor);
