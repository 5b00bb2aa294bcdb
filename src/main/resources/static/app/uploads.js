// Admin uploads: one file per request (multipart part "file" to POST /api/tracks), two at a time, each with its
// own progress from XMLHttpRequest (fetch cannot report upload progress). The manager outlives the upload page,
// so uploads go on while the admin browses elsewhere.
import {session} from './api.js';
import {libraryChanged} from './library.js';
import {debounce} from './format.js';

// Lists reload when tracks arrive, but a folder of 200 files should not reload them 200 times.
const announce = debounce(() => libraryChanged({uploaded: true}), 1500);

const PARALLEL = 2;
let seq = 0;

class Uploads extends EventTarget {
  constructor() {
    super();
    this.items = [];
    this.active = 0;
  }

  /** Queues files; {@code path} is the file's place inside a dropped or picked folder, when known. */
  add(files) {
    for (const f of files) {
      const path = f.relativePath || f.webkitRelativePath || f.name;
      this.items.push({id: ++seq, file: f, name: path, size: f.size, state: 'queued', loaded: 0, message: ''});
    }
    this.changed();
    this.pump();
  }

  retry(id) {
    const item = this.items.find((i) => i.id === id);
    if (!item || item.state !== 'failed') return;
    Object.assign(item, {state: 'queued', loaded: 0, message: ''});
    this.changed();
    this.pump();
  }

  retryAll() {
    for (const i of this.items) if (i.state === 'failed') Object.assign(i, {state: 'queued', loaded: 0, message: ''});
    this.changed();
    this.pump();
  }

  clearFinished() {
    this.items = this.items.filter((i) => i.state === 'queued' || i.state === 'uploading' || i.state === 'processing');
    this.changed();
  }

  get counts() {
    const c = {queued: 0, uploading: 0, processing: 0, created: 0, duplicate: 0, rejected: 0, failed: 0};
    for (const i of this.items) c[i.state]++;
    return c;
  }

  get pending() {
    return this.items.filter((i) => ['queued', 'uploading', 'processing'].includes(i.state)).length;
  }

  pump() {
    while (this.active < PARALLEL) {
      const next = this.items.find((i) => i.state === 'queued');
      if (!next) return;
      this.active++;
      this.send(next).finally(() => {
        this.active--;
        this.pump();
      });
    }
  }

  async send(item) {
    item.state = 'uploading';
    this.changed();
    const token = await session.token();
    await new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      item.xhr = xhr;
      xhr.open('POST', '/api/tracks');
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.responseType = 'text';
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) {
          item.loaded = e.loaded;
          item.total = e.total;
          this.changed();
        }
      };
      // All bytes are sent; the server still reads tags and stores the file.
      xhr.upload.onload = () => {
        item.state = 'processing';
        item.loaded = item.total || item.size;
        this.changed();
      };
      xhr.onload = () => {
        this.finish(item, xhr.status, xhr.responseText);
        resolve();
      };
      xhr.onerror = () => {
        Object.assign(item, {state: 'failed', message: 'The connection to the server was lost.'});
        this.changed();
        resolve();
      };
      xhr.ontimeout = xhr.onerror;
      const form = new FormData();
      form.append('file', item.file, item.file.name);
      xhr.send(form);
    });
    item.xhr = null;
  }

  finish(item, status, text) {
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    const result = body?.results?.[0];
    if (result) {
      item.state = result.status;
      item.track = result.track;
      if (result.status === 'rejected') item.message = result.error?.detail || result.error?.title || 'Rejected.';
      else if (result.status === 'duplicate') item.message = 'Already in the library.';
      else item.message = '';
    } else if (status === 401) {
      Object.assign(item, {state: 'failed', message: 'Your session has ended; log in again and retry.'});
    } else if (status === 413) {
      Object.assign(item, {state: 'rejected', message: 'The file is larger than the server accepts.'});
    } else if (status === 415 || status === 422) {
      Object.assign(item, {state: 'rejected', message: body?.detail || 'The file is not audio the server can read.'});
    } else if (status >= 200 && status < 300 && body?.id) {
      Object.assign(item, {state: status === 201 ? 'created' : 'duplicate', track: body});
    } else {
      Object.assign(item, {state: 'failed', message: body?.detail || `The server answered ${status || 'nothing'}.`});
    }
    this.changed();
    if (item.state === 'created') announce();
  }

  changed() {
    this.dispatchEvent(new Event('change'));
  }
}

export const uploads = new Uploads();
