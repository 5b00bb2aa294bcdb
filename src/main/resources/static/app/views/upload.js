// Admin upload page: drop files or folders, or pick them; each file shows its own progress and its result.
import {html, nothing} from 'lit';
import {Element} from '../ui/base.js';
import {uploads} from '../uploads.js';
import {icon} from '../icons.js';
import {bytes, plural} from '../format.js';
import {notify} from '../notify.js';

// Inside folders only these are sent: a folder usually also holds covers, playlists and notes.
const AUDIO = /\.(mp3|flac|ogg|oga|opus|m4a|m4b|mp4|aac|wav|wave|aif|aiff|aifc|wma|ape|wv|mpc|alac|dsf|mka)$/i;

function readEntries(reader) {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry, prefix, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    file.relativePath = prefix + file.name;
    out.push(file);
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    // readEntries hands out at most ~100 entries per call: keep asking until it returns none.
    for (let batch = await readEntries(reader); batch.length; batch = await readEntries(reader)) {
      for (const e of batch) await walk(e, `${prefix}${entry.name}/`, out);
    }
  }
}

const LABELS = {
  queued: 'Waiting', uploading: 'Uploading', processing: 'Processing', created: 'Added', duplicate: 'Duplicate',
  rejected: 'Rejected', failed: 'Failed',
};

class UploadView extends Element {
  static properties = {over: {state: true}};

  constructor() {
    super();
    this.over = false;
    this.listen(uploads, 'change');
  }

  enqueue(files, fromFolder) {
    const list = [...files];
    const audio = fromFolder ? list.filter((f) => AUDIO.test(f.name)) : list;
    const skipped = list.length - audio.length;
    if (skipped) notify(`Skipped ${plural(skipped, 'file')} that ${skipped === 1 ? 'is' : 'are'} not audio.`);
    if (audio.length) uploads.add(audio);
  }

  async dropped(e) {
    e.preventDefault();
    this.over = false;
    const items = [...(e.dataTransfer.items ?? [])];
    const entries = items.map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
    if (entries.some((en) => en.isDirectory)) {
      const files = [];
      for (const en of entries) await walk(en, '', files);
      this.enqueue(files, true);
    } else {
      this.enqueue(e.dataTransfer.files, false);
    }
  }

  row(u) {
    const pct = u.size ? Math.round((u.loaded / (u.total || u.size)) * 100) : 0;
    const done = ['created', 'duplicate', 'rejected', 'failed'].includes(u.state);
    const width = done ? 100 : u.state === 'processing' ? 100 : pct;
    return html`<li class="upload-row ${u.state}" data-state=${u.state} data-name=${u.name}>
      <span class="u-icon" aria-hidden="true">${icon(u.state === 'created' ? 'check'
        : u.state === 'rejected' || u.state === 'failed' ? 'alert' : 'track', 18)}</span>
      <div class="u-main">
        <div class="u-line"><span class="u-name" title=${u.name}>${u.name}</span>
          <span class="u-size">${bytes(u.size)}</span></div>
        <div class="progress ${u.state === 'processing' ? 'indeterminate' : ''}" role="progressbar"
          aria-label="Upload of ${u.name}" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${width}>
          <span style="width:${width}%"></span></div>
        <div class="u-status">
          <span class="status-chip ${u.state}" data-testid="upload-status">${LABELS[u.state]}${u.state === 'uploading'
            ? ` ${pct}%` : ''}</span>
          ${u.track && u.state !== 'rejected' ? html`<span class="u-track">${u.track.title} · ${u.track.artist}</span>`
            : nothing}
          ${u.message ? html`<span class="u-message" data-testid="upload-message">${u.message}</span>` : nothing}
        </div>
      </div>
      ${u.state === 'failed' ? html`<button class="btn small" @click=${() => uploads.retry(u.id)}>
        ${icon('retry', 16)}Retry</button>` : nothing}
    </li>`;
  }

  render() {
    const c = uploads.counts;
    const items = uploads.items;
    return html`<section class="view">
      <header class="view-head"><div><h1>Upload</h1>
        <p class="muted">Add music to the library. Uploads go on while you browse.</p></div>
        <div class="head-actions">
          ${c.failed ? html`<button class="btn" @click=${() => uploads.retryAll()}>
            ${icon('retry', 18)}Retry failed</button>` : nothing}
          ${items.length > uploads.pending ? html`<button class="btn ghost" @click=${() => uploads.clearFinished()}>
            Clear finished</button>` : nothing}
        </div>
      </header>
      <div class="dropzone ${this.over ? 'over' : ''}"
        @dragover=${(e) => { e.preventDefault(); this.over = true; }}
        @dragleave=${() => { this.over = false; }}
        @drop=${(e) => this.dropped(e)}>
        ${icon('upload', 40)}
        <p class="dz-title">Drop audio files or folders here</p>
        <p class="muted">MP3, FLAC, Ogg, Opus, M4A, WAV… Tags and covers are read from the files.</p>
        <div class="dz-actions">
          <label class="btn primary">${icon('plus', 18)}Choose files
            <input type="file" id="pick-files" class="visually-hidden" multiple accept="audio/*,.flac,.opus,.ogg,.m4a"
              @change=${(e) => { this.enqueue(e.target.files, false); e.target.value = ''; }}></label>
          <label class="btn">${icon('folder', 18)}Choose a folder
            <input type="file" id="pick-folder" class="visually-hidden" webkitdirectory multiple
              @change=${(e) => { this.enqueue(e.target.files, true); e.target.value = ''; }}></label>
        </div>
      </div>
      ${items.length ? html`
        <p class="upload-summary" aria-live="polite">
          ${c.created ? html`<span class="status-chip created">${c.created} added</span>` : nothing}
          ${c.duplicate ? html`<span class="status-chip duplicate">${c.duplicate} duplicate</span>` : nothing}
          ${c.rejected ? html`<span class="status-chip rejected">${c.rejected} rejected</span>` : nothing}
          ${c.failed ? html`<span class="status-chip failed">${c.failed} failed</span>` : nothing}
          ${uploads.pending ? html`<span class="status-chip uploading">${uploads.pending} in progress</span>` : nothing}
        </p>
        <ol class="uploads" aria-label="Uploads">${[...items].reverse().map((u) => this.row(u))}</ol>` : nothing}
    </section>`;
  }
}
customElements.define('tm-upload-view', UploadView);
