// Admin uploads: one file per request (multipart part "file" to POST /api/tracks), two at a time, each with its
// own progress from XMLHttpRequest (fetch cannot report upload progress). The manager outlives the upload page,
// so uploads go on while the admin browses elsewhere. On a server that stores in S3, files above the server's
// threshold go straight to the bucket instead (presigned multipart upload, then the server ingests the object):
// the bytes of a 1 GB FLAC never pass through the server on the way in.
import {api, ApiError, session} from './api.js';
import {libraryChanged} from './library.js';
import {debounce} from './format.js';

// Lists reload when tracks arrive, but a folder of 200 files should not reload them 200 times.
const announce = debounce(() => libraryChanged({uploaded: true}), 1500);

const PARALLEL = 2;
let seq = 0;

// Asked once: whether direct uploads are on, and from which size.
let directSettings = null;
function direct() {
  directSettings ??= api('/api/uploads/direct').catch(() => ({enabled: false}));
  return directSettings;
}

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
    const settings = await direct();
    if (settings.enabled && item.size >= settings.thresholdBytes) {
      await this.sendDirect(item);
      return;
    }
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

  /** Start, PUT each part to its presigned URL, complete, ingest; any failure aborts so no object is left. */
  async sendDirect(item) {
    let upload = null;
    try {
      upload = await api('/api/uploads/direct', {method: 'POST',
        body: {filename: item.file.name, size: item.size, contentType: item.file.type || undefined}});
      const urls = new Map(upload.parts.map((p) => [p.partNumber, p.url]));
      const parts = [];
      let sent = 0;
      for (let n = 1; n <= upload.partCount; n++) {
        if (!urls.has(n)) {
          const more = await api(`/api/uploads/direct/${upload.id}/parts?from=${n}&count=100`);
          for (const p of more.parts) urls.set(p.partNumber, p.url);
        }
        const from = (n - 1) * upload.partSize;
        const blob = item.file.slice(from, Math.min(item.size, from + upload.partSize));
        const etag = await this.putPart(item, urls.get(n), blob, sent);
        sent += blob.size;
        parts.push({partNumber: n, etag});
      }
      await api(`/api/uploads/direct/${upload.id}/complete`, {method: 'POST', body: {parts}});
      item.state = 'processing';
      item.loaded = item.size;
      this.changed();
      const res = await api(`/api/uploads/direct/${upload.id}/ingest`, {method: 'POST', raw: true});
      upload = null;
      this.finish(item, res.status, await res.text());
    } catch (e) {
      if (upload) api(`/api/uploads/direct/${upload.id}`, {method: 'DELETE'}).catch(() => {});
      if (e instanceof ApiError && [413, 415, 422].includes(e.status)) {
        Object.assign(item, {state: 'rejected', message: e.message});
      } else {
        Object.assign(item, {state: 'failed', message: e.message || 'The upload to the bucket failed.'});
      }
      this.changed();
    }
  }

  /** One part, with progress; resolves with the ETag the bucket answered (the bucket's CORS must expose it). */
  putPart(item, url, blob, before) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      item.xhr = xhr;
      xhr.open('PUT', url);
      xhr.upload.onprogress = (e) => {
        item.loaded = before + e.loaded;
        item.total = item.size;
        this.changed();
      };
      xhr.onload = () => {
        const etag = xhr.getResponseHeader('ETag');
        if (xhr.status >= 200 && xhr.status < 300 && etag) resolve(etag);
        else if (xhr.status >= 200 && xhr.status < 300) {
          reject(new Error('The bucket does not expose the ETag header to the browser (see its CORS rules).'));
        } else reject(new Error(`The bucket refused a part (HTTP ${xhr.status}).`));
      };
      xhr.onerror = () => reject(new Error('The connection to the bucket was lost (or its CORS rules refuse us).'));
      xhr.send(blob);
    });
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
