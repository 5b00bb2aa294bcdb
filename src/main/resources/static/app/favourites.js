// The user's starred tracks and albums, known up front so every heart on screen shows the right state at once.
import {api, session} from './api.js';
import {notify} from './notify.js';

class Favourites extends EventTarget {
  constructor() {
    super();
    this.tracks = new Set();
    this.albums = new Set();
    this.userId = null;
    this.loaded = false;
  }

  /** Loads the caller's favourites once per login. */
  async sync() {
    const id = session.user?.id ?? null;
    if (id === this.userId) return;
    this.userId = id;
    this.loaded = false;
    this.tracks = new Set();
    this.albums = new Set();
    this.changed();
    if (!id) return;
    try {
      const f = await api('/api/favourites');
      if (this.userId !== id) return;
      this.tracks = new Set((f.tracks ?? []).map((x) => x.id));
      this.albums = new Set((f.albums ?? []).map((x) => x.id));
      this.loaded = true;
      this.changed();
    } catch {
      // Hearts start empty; starring still works and corrects them.
    }
  }

  has(kind, id) {
    return this[kind].has(id);
  }

  /** Stars or unstars; the heart changes at once and changes back if the server refuses. */
  async toggle(kind, item) {
    const set = this[kind];
    const on = !set.has(item.id);
    if (on) set.add(item.id);
    else set.delete(item.id);
    this.changed();
    try {
      await api(`/api/favourites/${kind}/${encodeURIComponent(item.id)}`, {method: on ? 'PUT' : 'DELETE'});
      // Lists read from the server (the favourites page) reload once the server has it.
      this.dispatchEvent(new Event('saved'));
    } catch (e) {
      if (on) set.delete(item.id);
      else set.add(item.id);
      this.changed();
      notify(`Could not ${on ? 'add' : 'remove'} “${item.title}” ${on ? 'to' : 'from'} favourites: ${e.message}`,
        'error');
    }
  }

  changed() {
    this.dispatchEvent(new Event('change'));
  }
}

export const favourites = new Favourites();
session.addEventListener('change', () => favourites.sync());
favourites.sync();
