// The player and its queue. It lives outside every view (one instance for the page's life), so moving around the
// app never interrupts playback. Two <audio> elements take turns: while one plays, the other loads the next
// track, so the next one starts the moment the current one ends. <audio> cannot send a bearer header, hence the
// signed stream URLs from /api/tracks/{id}/stream-url.
import {api, ApiError, coverObjectUrl} from './api.js';
import {notify} from './notify.js';

const PRELOAD_BEFORE_END_S = 30;
const URL_SAFETY_MS = 60_000;
const SAVE_EVERY_MS = 5_000;
// A load that makes no progress for this long is treated as failed (see watchStall).
const STALL_MS = 6_000;
const REPEAT_MODES = ['off', 'all', 'one'];

let qidSeq = 0;
const newQid = () => `${Date.now().toString(36)}-${(++qidSeq).toString(36)}`;

/** The fields of a track the queue keeps, so it can be stored and shown without asking the server again. */
function slim(t) {
  const keep = ['id', 'title', 'artist', 'artists', 'album', 'albumArtist', 'durationMs', 'coverUrl', 'trackNumber',
    'year'];
  return Object.fromEntries(keep.filter((k) => t[k] !== undefined).map((k) => [k, t[k]]));
}

function describe(error) {
  switch (error?.code) {
    case 1: return 'loading was stopped';
    case 2: return 'a network error interrupted it';
    case 3: return 'the browser could not decode it';
    case 4: return 'the browser cannot play this format';
    default: return 'it could not be loaded';
  }
}

class Player extends EventTarget {
  constructor() {
    super();
    this.items = [];
    this.index = -1;
    this.shuffle = false;
    this.repeat = 'off';
    this.volume = 1;
    this.muted = false;
    this.unshuffled = null;
    this.userId = null;
    this.playing = false;
    this.loading = false;
    this.failures = 0;
    this.loadSeq = 0;
    this.urls = new Map();
    this.lastSave = 0;
    this.retried = false;

    const box = document.createElement('div');
    box.id = 'tm-audio';
    box.hidden = true;
    this.audios = [0, 1].map((i) => {
      const a = document.createElement('audio');
      a.preload = 'auto';
      a.dataset.role = i === 0 ? 'current' : 'standby';
      box.append(a);
      this.wire(a);
      return a;
    });
    document.body.append(box);
    this.cur = 0;

    window.addEventListener('pagehide', () => this.save(true));
    document.addEventListener('visibilitychange', () => document.hidden && this.save(true));
    this.setupMediaSession();
  }

  get audio() { return this.audios[this.cur]; }
  get standby() { return this.audios[1 - this.cur]; }
  get entry() { return this.items[this.index] ?? null; }
  get track() { return this.entry?.track ?? null; }
  get time() { return this.audio.currentTime || 0; }
  get duration() {
    const d = this.audio.duration;
    return isFinite(d) && d > 0 ? d : (this.track?.durationMs ?? 0) / 1000;
  }
  get hasNext() { return this.index + 1 < this.items.length || (this.repeat !== 'off' && this.items.length > 0); }
  get hasPrev() { return this.index >= 0; }

  /** The buffered part that contains the playhead (or the end of the last one), in seconds. */
  get bufferedEnd() {
    const b = this.audio.buffered;
    const t = this.audio.currentTime;
    let end = 0;
    for (let i = 0; i < b.length; i++) {
      if (b.start(i) <= t + 0.5 && b.end(i) >= t) return b.end(i);
      end = Math.max(end, b.start(i) <= t ? b.end(i) : 0);
    }
    return end;
  }

  // --- session ---------------------------------------------------------------------------------------------

  /** Called when the logged-in user changes: each user has their own stored queue. */
  setUser(user) {
    const id = user?.id ?? null;
    if (id === this.userId) return;
    this.save(true);
    this.stopElements();
    this.userId = id;
    this.items = [];
    this.index = -1;
    this.unshuffled = null;
    if (id) this.restore();
    this.changed();
  }

  /** The session ended (expired or logged out): stop the sound but keep the stored queue for next time. */
  suspend() {
    this.save(true);
    this.audio.pause();
  }

  restore() {
    let s;
    try {
      s = JSON.parse(localStorage.getItem(this.storeKey()));
    } catch {
      s = null;
    }
    if (!s || !Array.isArray(s.items)) return;
    this.items = s.items.filter((e) => e?.track?.id).map((e) => ({qid: e.qid || newQid(), track: e.track}));
    this.index = Math.min(Math.max(-1, s.index ?? -1), this.items.length - 1);
    this.shuffle = !!s.shuffle;
    this.repeat = REPEAT_MODES.includes(s.repeat) ? s.repeat : 'off';
    this.unshuffled = Array.isArray(s.unshuffled) ? s.unshuffled : null;
    this.setVolume(s.volume ?? 1, false);
    this.setMuted(!!s.muted, false);
    if (this.index >= 0) this.load(this.index, {autoplay: false, position: s.position || 0});
  }

  storeKey() { return `tm.player.${this.userId}`; }

  save(now = false) {
    if (!this.userId) return;
    const t = Date.now();
    if (!now && t - this.lastSave < 300) {
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => this.save(true), 300);
      return;
    }
    this.lastSave = t;
    const state = {
      items: this.items, index: this.index, position: this.time, shuffle: this.shuffle, repeat: this.repeat,
      volume: this.volume, muted: this.muted, unshuffled: this.unshuffled,
    };
    try {
      localStorage.setItem(this.storeKey(), JSON.stringify(state));
    } catch {
      // Storage full: the queue still works, it just will not survive a reload.
    }
  }

  // --- queue -----------------------------------------------------------------------------------------------

  /** Replaces the queue with these tracks and plays the one at {@code start}. */
  playTracks(tracks, start = 0) {
    if (!tracks.length) return;
    let entries = tracks.map((t) => ({qid: newQid(), track: slim(t)}));
    this.unshuffled = null;
    let index = Math.min(Math.max(0, start), entries.length - 1);
    if (this.shuffle) {
      this.unshuffled = entries.map((e) => e.qid);
      const first = entries[index];
      entries = [first, ...shuffled(entries.filter((e) => e !== first))];
      index = 0;
    }
    this.items = entries;
    this.load(index, {autoplay: true});
  }

  /** Plays these tracks in random order, whatever the shuffle setting. */
  shufflePlay(tracks) {
    if (!tracks.length) return;
    this.playTracks(shuffled(tracks), 0);
  }

  add(tracks) {
    const entries = tracks.map((t) => ({qid: newQid(), track: slim(t)}));
    this.items = [...this.items, ...entries];
    if (this.unshuffled) this.unshuffled.push(...entries.map((e) => e.qid));
    if (this.index < 0) this.load(0, {autoplay: false});
    notify(tracks.length === 1 ? `Added “${tracks[0].title}” to the queue.`
      : `Added ${tracks.length} tracks to the queue.`);
    this.changed();
  }

  playNext(tracks) {
    const entries = tracks.map((t) => ({qid: newQid(), track: slim(t)}));
    const at = this.index + 1;
    this.items = [...this.items.slice(0, at), ...entries, ...this.items.slice(at)];
    if (this.unshuffled) this.unshuffled.push(...entries.map((e) => e.qid));
    if (this.index < 0) this.load(0, {autoplay: false});
    notify(tracks.length === 1 ? `“${tracks[0].title}” plays next.` : `${tracks.length} tracks play next.`);
    this.changed();
  }

  remove(qid) {
    const i = this.items.findIndex((e) => e.qid === qid);
    if (i < 0) return;
    const wasCurrent = i === this.index;
    this.items = this.items.filter((e) => e.qid !== qid);
    if (this.unshuffled) this.unshuffled = this.unshuffled.filter((q) => q !== qid);
    if (i < this.index) {
      this.index--;
    } else if (wasCurrent) {
      if (this.items.length === 0) {
        this.clear();
        return;
      }
      const next = Math.min(i, this.items.length - 1);
      this.load(next, {autoplay: this.playing});
      return;
    }
    this.invalidatePreload();
    this.changed();
  }

  /** Moves the entry at {@code from} to position {@code to}; the current track keeps playing. */
  move(from, to) {
    if (from === to || from < 0 || to < 0 || from >= this.items.length || to >= this.items.length) return;
    const current = this.entry;
    const items = [...this.items];
    const [moved] = items.splice(from, 1);
    items.splice(to, 0, moved);
    this.items = items;
    this.index = current ? items.indexOf(current) : -1;
    this.unshuffled = null;
    this.invalidatePreload();
    this.changed();
  }

  clear() {
    this.stopElements();
    this.items = [];
    this.index = -1;
    this.unshuffled = null;
    this.playing = false;
    this.updateMediaSession();
    this.changed();
  }

  jump(index) {
    this.load(index, {autoplay: true});
  }

  // --- transport -------------------------------------------------------------------------------------------

  toggle() {
    if (!this.track) return;
    if (this.audio.paused) this.resume();
    else this.audio.pause();
  }

  resume() {
    if (!this.track) return;
    if (!this.audio.src) {
      this.load(this.index, {autoplay: true, position: this.pendingPosition || 0});
      return;
    }
    this.audio.play().catch((e) => this.playRefused(e));
  }

  next() {
    if (!this.items.length) return;
    let i = this.index + 1;
    if (i >= this.items.length) {
      if (this.repeat === 'off') {
        notify('That was the last track in the queue.');
        return;
      }
      i = 0;
    }
    this.load(i, {autoplay: true});
  }

  prev() {
    if (!this.track) return;
    if (this.time > 3 || this.index === 0) {
      this.seek(0);
      return;
    }
    this.load(this.index - 1, {autoplay: true});
  }

  seek(seconds) {
    const d = this.duration;
    const t = Math.max(0, d ? Math.min(seconds, d - 0.25) : seconds);
    if (this.audio.readyState === 0) {
      this.pendingPosition = t;
    } else {
      this.audio.currentTime = t;
    }
    this.emitTime();
  }

  seekBy(delta) { this.seek(this.time + delta); }

  setVolume(v, persist = true) {
    this.volume = Math.min(1, Math.max(0, v));
    for (const a of this.audios) a.volume = this.volume;
    if (this.volume > 0 && this.muted && persist) this.setMuted(false);
    if (persist) this.save();
    this.changed();
  }

  setMuted(m, persist = true) {
    this.muted = m;
    for (const a of this.audios) a.muted = m;
    if (persist) this.save();
    this.changed();
  }

  toggleMute() { this.setMuted(!this.muted); }

  toggleShuffle() {
    this.shuffle = !this.shuffle;
    const current = this.entry;
    if (this.shuffle) {
      this.unshuffled = this.items.map((e) => e.qid);
      const before = this.items.slice(0, this.index + 1);
      this.items = [...before, ...shuffled(this.items.slice(this.index + 1))];
    } else if (this.unshuffled) {
      const rank = new Map(this.unshuffled.map((q, i) => [q, i]));
      this.items = [...this.items].sort((a, b) => (rank.get(a.qid) ?? 1e9) - (rank.get(b.qid) ?? 1e9));
      this.unshuffled = null;
    }
    this.index = current ? this.items.indexOf(current) : -1;
    this.invalidatePreload();
    notify(this.shuffle ? 'Shuffle is on.' : 'Shuffle is off.');
    this.changed();
  }

  cycleRepeat() {
    this.repeat = REPEAT_MODES[(REPEAT_MODES.indexOf(this.repeat) + 1) % REPEAT_MODES.length];
    this.invalidatePreload();
    const words = {off: 'Repeat is off.', all: 'Repeating the whole queue.', one: 'Repeating this track.'};
    notify(words[this.repeat]);
    this.changed();
  }

  // --- loading ---------------------------------------------------------------------------------------------

  async streamUrl(trackId) {
    const cached = this.urls.get(trackId);
    if (cached && cached.expires - URL_SAFETY_MS > Date.now()) return cached.url;
    const r = await api(`/api/tracks/${encodeURIComponent(trackId)}/stream-url`);
    const expires = r.expiresAt ? Date.parse(r.expiresAt) : Date.now() + 3600_000;
    this.urls.set(trackId, {url: r.url, expires});
    return r.url;
  }

  async load(index, {autoplay = true, position = 0} = {}) {
    const entry = this.items[index];
    if (!entry) return;
    const seq = ++this.loadSeq;
    this.index = index;
    this.retried = false;
    this.scrobbled = false;
    this.startedAt = null;
    this.heard = 0;
    this.lastTime = null;
    this.pendingPosition = position;
    this.loading = true;
    this.changed();
    this.updateMediaSession();

    const sb = this.standby;
    const preloaded = sb.dataset.qid === entry.qid && sb.src && !sb.error;
    const old = this.audio;
    if (preloaded) {
      this.cur = 1 - this.cur;
      this.audio.dataset.role = 'current';
      old.dataset.role = 'standby';
      this.unload(old);
    } else {
      let url;
      try {
        url = await this.streamUrl(entry.track.id);
      } catch (e) {
        if (seq !== this.loadSeq) return;
        if (e instanceof ApiError && e.status === 401) {
          // The session ended, not the track: keep the place; play resumes it after the next login.
          this.loading = false;
          this.changed();
          return;
        }
        this.failed(entry, e instanceof ApiError && e.status === 404 ? 'it is no longer in the library' : e.message);
        return;
      }
      if (seq !== this.loadSeq) return;
      this.unload(this.standby);
      old.dataset.qid = entry.qid;
      old.src = url;
    }
    if (position > 0) this.applyPosition(this.audio, position);
    this.save();
    if (autoplay) {
      this.audio.play().catch((e) => this.playRefused(e));
    } else {
      this.loading = false;
      this.changed();
    }
  }

  applyPosition(a, position) {
    if (a.readyState >= 1) {
      a.currentTime = position;
    } else {
      a.addEventListener('loadedmetadata', () => { a.currentTime = position; }, {once: true});
    }
    this.pendingPosition = 0;
  }

  unload(a) {
    a.pause();
    delete a.dataset.qid;
    if (a.hasAttribute('src')) {
      a.removeAttribute('src');
      a.load();
    }
  }

  stopElements() {
    this.loadSeq++;
    for (const a of this.audios) this.unload(a);
    this.playing = false;
  }

  invalidatePreload() {
    const upcoming = this.upcomingIndex();
    if (this.standby.dataset.qid && this.standby.dataset.qid !== this.items[upcoming]?.qid) this.unload(this.standby);
    this.maybePreload();
  }

  /** The index that plays when the current track ends by itself. */
  upcomingIndex() {
    if (this.repeat === 'one') return this.index;
    if (this.index + 1 < this.items.length) return this.index + 1;
    return this.repeat === 'all' && this.items.length ? 0 : -1;
  }

  async maybePreload() {
    const a = this.audio;
    if (!this.track || !isFinite(a.duration) || a.duration - a.currentTime > PRELOAD_BEFORE_END_S) return;
    const i = this.upcomingIndex();
    const entry = this.items[i];
    if (!entry || i === this.index || this.standby.dataset.qid === entry.qid || this.preloading === entry.qid) return;
    this.preloading = entry.qid;
    try {
      const url = await this.streamUrl(entry.track.id);
      if (this.items[this.upcomingIndex()]?.qid !== entry.qid) return;
      const sb = this.standby;
      sb.dataset.qid = entry.qid;
      sb.src = url;
      sb.load();
    } catch {
      // The track will be tried again (and its failure shown) when its turn comes.
    } finally {
      this.preloading = null;
    }
  }

  /** Counts a play once half the track (or four minutes) has been heard, as scrobblers do; seeking is not hearing. */
  maybeScrobble(a) {
    const dt = this.lastTime == null ? 0 : a.currentTime - this.lastTime;
    this.lastTime = a.currentTime;
    if (dt > 0 && dt < 2) this.heard += dt;
    const track = this.track;
    if (this.scrobbled || !track || !isFinite(a.duration) || this.heard < Math.min(a.duration / 2, 240)) return;
    this.scrobbled = true;
    api('/api/plays', {method: 'POST', body: {trackId: track.id, playedAt: this.startedAt ?? undefined}})
      .catch(() => {
        // A lost play count is not worth interrupting the music for.
      });
  }

  playRefused(e) {
    this.loading = false;
    if (e?.name === 'NotAllowedError') {
      notify('The browser blocked autoplay; press play to start.');
    } else if (e?.name !== 'AbortError') {
      // Load failures arrive through the element's error event, which explains them better.
    }
    this.changed();
  }

  failed(entry, reason) {
    this.loading = false;
    this.failures++;
    const title = entry?.track?.title ?? 'This track';
    const more = this.failures < this.items.length && this.upcomingIndexAfterFailure() >= 0;
    notify(`“${title}” cannot be played: ${reason}.${more ? ' Skipping to the next track.' : ''}`, 'error');
    if (more) {
      this.load(this.upcomingIndexAfterFailure(), {autoplay: true});
    } else {
      this.playing = false;
      this.changed();
    }
  }

  upcomingIndexAfterFailure() {
    if (this.index + 1 < this.items.length) return this.index + 1;
    return this.repeat !== 'off' && this.items.length > 1 ? 0 : -1;
  }

  // --- element events --------------------------------------------------------------------------------------

  wire(a) {
    const isCurrent = () => a === this.audio;
    a.addEventListener('playing', () => {
      if (!isCurrent()) return;
      this.playing = true;
      this.loading = false;
      this.failures = 0;
      // Playing again after a recovery: the next long pause may need a fresh URL too.
      this.retried = false;
      this.changed();
    });
    a.addEventListener('play', () => {
      if (isCurrent()) {
        this.playing = true;
        this.changed();
      }
    });
    a.addEventListener('pause', () => {
      if (isCurrent()) {
        this.playing = false;
        this.save(true);
        this.changed();
      }
    });
    a.addEventListener('waiting', () => {
      if (isCurrent()) {
        this.loading = true;
        this.changed();
        this.watchStall(a);
      }
    });
    a.addEventListener('timeupdate', () => {
      if (!isCurrent()) return;
      this.startedAt ??= new Date().toISOString();
      this.maybeScrobble(a);
      this.emitTime();
      this.maybePreload();
      if (Date.now() - this.lastSave > SAVE_EVERY_MS) this.save(true);
    });
    for (const type of ['progress', 'durationchange', 'seeked', 'loadedmetadata']) {
      a.addEventListener(type, () => {
        if (!isCurrent()) return;
        this.emitTime();
        if (type !== 'progress') this.updatePositionState();
      });
    }
    a.addEventListener('ended', () => isCurrent() && this.ended());
    a.addEventListener('error', () => {
      if (!isCurrent() || !a.getAttribute('src')) {
        if (!isCurrent()) this.unload(a);
        return;
      }
      this.elementFailed(a);
    });
  }

  /**
   * Chromium does not always report a lapsed URL: resuming after a long pause in the CDN redirect mode, the range
   * request to the expired CDN URL can leave the element loading for ever with no error event. Waiting with no
   * progress for STALL_MS counts as a failure, which fetches a fresh stream URL and resumes where it was.
   */
  watchStall(a) {
    clearTimeout(this.stallTimer);
    const at = a.currentTime;
    this.stallTimer = setTimeout(() => {
      if (a === this.audio && !a.paused && a.readyState < 3 && Math.abs(a.currentTime - at) < 0.5) {
        this.elementFailed(a);
      }
    }, STALL_MS);
  }

  async elementFailed(a) {
    const entry = this.entry;
    // A signed URL may have expired while paused: ask for a fresh one once before giving up on the track. In the
    // CDN redirect mode the element may hold the CDN URL the stream URL redirected to, which lives minutes, not
    // hours: its 403 on resume lands here too, and the fresh stream URL redirects to a freshly signed CDN URL.
    if (!this.retried && entry && a.error?.code !== 3) {
      this.retried = true;
      const at = a.currentTime || this.pendingPosition || 0;
      this.urls.delete(entry.track.id);
      try {
        const seq = this.loadSeq;
        const url = await this.streamUrl(entry.track.id);
        if (seq !== this.loadSeq) return;
        a.src = url;
        if (at > 0) this.applyPosition(a, at);
        a.play().catch((e) => this.playRefused(e));
        return;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          this.loading = false;
          this.playing = false;
          this.changed();
          return;
        }
      }
    }
    this.failed(entry, describe(a.error));
  }

  ended() {
    if (this.repeat === 'one') {
      this.audio.currentTime = 0;
      this.audio.play().catch((e) => this.playRefused(e));
      return;
    }
    const i = this.upcomingIndex();
    if (i < 0) {
      this.playing = false;
      this.save(true);
      this.changed();
      return;
    }
    this.load(i, {autoplay: true});
  }

  // --- notifications and the Media Session ---------------------------------------------------------------

  changed() {
    this.dispatchEvent(new Event('change'));
    this.save();
  }

  emitTime() {
    this.dispatchEvent(new Event('time'));
  }

  setupMediaSession() {
    const ms = navigator.mediaSession;
    if (!ms) return;
    const handlers = {
      play: () => this.resume(),
      pause: () => this.audio.pause(),
      stop: () => this.audio.pause(),
      previoustrack: () => this.prev(),
      nexttrack: () => this.next(),
      seekbackward: (d) => this.seekBy(-(d.seekOffset || 10)),
      seekforward: (d) => this.seekBy(d.seekOffset || 10),
      seekto: (d) => this.seek(d.seekTime),
    };
    for (const [action, fn] of Object.entries(handlers)) {
      try {
        ms.setActionHandler(action, fn);
      } catch {
        // This browser does not know the action.
      }
    }
  }

  async updateMediaSession() {
    const ms = navigator.mediaSession;
    if (!ms) return;
    const t = this.track;
    if (!t) {
      ms.metadata = null;
      return;
    }
    const meta = {title: t.title, artist: t.artist, album: t.album?.title ?? ''};
    ms.metadata = new MediaMetadata(meta);
    const cover = await coverObjectUrl(t.coverUrl);
    if (cover && this.track === t) ms.metadata = new MediaMetadata({...meta, artwork: [{src: cover}]});
  }

  updatePositionState() {
    const ms = navigator.mediaSession;
    const d = this.audio.duration;
    if (!ms?.setPositionState || !isFinite(d) || d <= 0) return;
    try {
      ms.setPositionState({duration: d, position: Math.min(this.audio.currentTime, d), playbackRate: 1});
    } catch {
      // Inconsistent values while a track changes; the next event sets it right.
    }
  }
}

function shuffled(list) {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

export const player = new Player();
