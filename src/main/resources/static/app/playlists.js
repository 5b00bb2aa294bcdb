// The playlists the user can see (their own first, then others' public ones), shared by the playlists page and
// every "Add to playlist" dialog, so a playlist made in one place is offered in the other at once.
import {api, session} from './api.js';

const path = (id, rest = '') => `/api/playlists/${encodeURIComponent(id)}${rest}`;

class Playlists extends EventTarget {
  constructor() {
    super();
    this.items = null;
    this.error = '';
    this.userId = null;
    this.loading = null;
  }

  /** The caller's own playlists, the only ones tracks can be added to. */
  get mine() {
    return (this.items ?? []).filter((p) => p.owner?.id === session.user?.id);
  }

  /** Everyone else's public playlists. */
  get shared() {
    return (this.items ?? []).filter((p) => p.owner?.id !== session.user?.id);
  }

  /** Loads the list (again); concurrent callers share one request. */
  load() {
    if (this.loading) return this.loading;
    const user = session.user?.id ?? null;
    this.loading = api('/api/playlists')
      .then((list) => {
        if (user !== (session.user?.id ?? null)) return;
        this.items = list;
        this.error = '';
      })
      .catch((e) => {
        this.error = e.message;
      })
      .finally(() => {
        this.loading = null;
        this.changed();
      });
    return this.loading;
  }

  /** Forgets the list of a user who logged out, so the next one never sees it. */
  sync() {
    const id = session.user?.id ?? null;
    if (id === this.userId) return;
    this.userId = id;
    this.items = null;
    this.error = '';
    this.changed();
  }

  async create({name, comment, isPublic = false, trackIds = []}) {
    const p = await api('/api/playlists', {method: 'POST', body: {name, comment, public: isPublic, trackIds}});
    await this.load();
    return p;
  }

  get(id) {
    return api(path(id));
  }

  async update(id, patch) {
    const p = await api(path(id), {method: 'PATCH', body: patch});
    this.replaced(p);
    return p;
  }

  async addTracks(id, trackIds) {
    const p = await api(path(id, '/tracks'), {method: 'POST', body: {trackIds}});
    this.replaced(p);
    return p;
  }

  /** Moves by index; {@code trackId} is the track expected at {@code from} (409 if the playlist changed). */
  async move(id, from, to, trackId) {
    const p = await api(path(id, '/tracks/move'), {method: 'POST', body: {from, to, trackId}});
    this.replaced(p);
    return p;
  }

  async removeAt(id, index, trackId) {
    const p = await api(path(id, `/tracks/${index}?trackId=${encodeURIComponent(trackId)}`), {method: 'DELETE'});
    this.replaced(p);
    return p;
  }

  async remove(id) {
    await api(path(id), {method: 'DELETE'});
    if (this.items) this.items = this.items.filter((p) => p.id !== id);
    this.changed();
  }

  /** Keeps the list's totals in step with a playlist the server just answered with. */
  replaced(p) {
    if (this.items) {
      const {tracks, ...summary} = p;
      this.items = this.items.map((x) => (x.id === p.id ? summary : x));
    }
    this.changed();
  }

  changed() {
    this.dispatchEvent(new Event('change'));
  }
}

export const playlists = new Playlists();
session.addEventListener('change', () => playlists.sync());
playlists.sync();
