// The player bar at the bottom of every screen: what plays, the transport, the seek bar (played and buffered
// parts), time, volume, shuffle and repeat.
import {html, nothing} from 'lit';
import {Element} from './base.js';
import {player} from '../player.js';
import {seconds} from '../format.js';
import {icon} from '../icons.js';
import {artistLinks, heart} from './track-table.js';
import {favourites} from '../favourites.js';
import './cover.js';

class PlayerBar extends Element {
  static properties = {scrub: {state: true}};

  constructor() {
    super();
    this.scrub = null;
    this.listen(player, 'change', 'time');
    this.listen(favourites, 'change');
  }

  seekInput(e) {
    this.scrub = Number(e.target.value);
  }

  seekCommit(e) {
    player.seek(Number(e.target.value));
    this.scrub = null;
  }

  render() {
    const t = player.track;
    const d = player.duration;
    const pos = this.scrub ?? player.time;
    const played = d ? (pos / d) * 100 : 0;
    const buffered = d ? Math.min(100, (player.bufferedEnd / d) * 100) : 0;
    const repeatLabel = {off: 'Repeat: off', all: 'Repeat: all', one: 'Repeat: one track'}[player.repeat];
    const vol = player.muted ? 0 : player.volume;
    return html`<section class="player ${t ? '' : 'empty'}" aria-label="Player">
      <div class="now">
        ${t ? html`
          <a class="now-cover" href=${t.album ? `/albums/${encodeURIComponent(t.album.id)}` : '/queue'}
            aria-label="Open the album">
            <tm-cover .src=${t.coverUrl ?? ''} .label=${t.album?.title ?? t.title}></tm-cover></a>
          <div class="now-text">
            <div class="now-title" data-testid="now-title" title=${t.title}>${t.title}</div>
            <div class="now-artist">${artistLinks(t)}</div>
          </div>
          ${heart('tracks', t, 20)}` : html`<div class="now-text"><div class="now-title muted">Nothing playing</div>
            <div class="now-artist muted">Pick an album or a track</div></div>`}
      </div>
      <div class="transport">
        <div class="buttons">
          <button class="icon-btn toggle ${player.shuffle ? 'on' : ''}" aria-label="Shuffle" title="Shuffle"
            aria-pressed=${player.shuffle} @click=${() => player.toggleShuffle()}>${icon('shuffle')}</button>
          <button class="icon-btn" aria-label="Previous track" title="Previous (p)" ?disabled=${!t}
            @click=${() => player.prev()}>${icon('prev')}</button>
          <button class="play-btn ${player.loading && player.playing ? 'busy' : ''}" data-testid="play-pause"
            aria-label=${player.playing ? 'Pause' : 'Play'} title="${player.playing ? 'Pause' : 'Play'} (space)"
            ?disabled=${!t} @click=${() => player.toggle()}>${icon(player.playing ? 'pause' : 'play', 22)}</button>
          <button class="icon-btn" aria-label="Next track" title="Next (n)" ?disabled=${!player.hasNext}
            @click=${() => player.next()}>${icon('next')}</button>
          <button class="icon-btn toggle ${player.repeat !== 'off' ? 'on' : ''}" aria-label=${repeatLabel}
            title=${repeatLabel} data-repeat=${player.repeat}
            @click=${() => player.cycleRepeat()}>${icon(player.repeat === 'one' ? 'repeatOne' : 'repeat')}</button>
        </div>
        <div class="seek">
          <span class="time" data-testid="elapsed">${seconds(pos)}</span>
          <input type="range" class="seekbar" aria-label="Seek" min="0" max=${d || 0} step="0.1"
            .value=${String(pos)} ?disabled=${!t || !d}
            aria-valuetext="${seconds(pos)} of ${seconds(d)}"
            style="--played:${played}%;--buffered:${buffered}%"
            @input=${(e) => this.seekInput(e)} @change=${(e) => this.seekCommit(e)}>
          <span class="time" data-testid="total">${seconds(d)}</span>
        </div>
      </div>
      <div class="extras">
        <a class="icon-btn" href="/queue" aria-label="Queue (${player.items.length} tracks)" title="Queue">
          ${icon('queue')}${player.items.length ? html`<span class="badge">${player.items.length}</span>` : nothing}</a>
        <button class="icon-btn" aria-label=${player.muted ? 'Unmute' : 'Mute'} title="Mute (m)"
          aria-pressed=${player.muted} @click=${() => player.toggleMute()}>
          ${icon(vol === 0 ? 'mute' : vol < 0.5 ? 'volumeLow' : 'volume')}</button>
        <input type="range" class="volume" aria-label="Volume" min="0" max="100" step="1"
          .value=${String(Math.round(vol * 100))} style="--played:${vol * 100}%;--buffered:0%"
          @input=${(e) => player.setVolume(Number(e.target.value) / 100)}>
      </div>
    </section>`;
  }
}
customElements.define('tm-player-bar', PlayerBar);
