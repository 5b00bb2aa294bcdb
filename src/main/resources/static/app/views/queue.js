// The queue: drag a row by its handle to reorder (or use the move buttons, which also work by keyboard and touch).
import {html, nothing} from 'lit';
import {Element} from '../ui/base.js';
import {player} from '../player.js';
import {icon} from '../icons.js';
import {duration, longDuration, plural} from '../format.js';
import {artistLinks} from '../ui/track-table.js';
import {confirmDialog} from '../ui/dialogs.js';
import {addToPlaylist} from '../ui/playlist-picker.js';
import '../ui/cover.js';

class QueueView extends Element {
  static properties = {dragFrom: {state: true}, dragOver: {state: true}};

  constructor() {
    super();
    this.dragFrom = -1;
    this.dragOver = -1;
    this.listen(player, 'change');
  }

  async clear() {
    const ok = await confirmDialog({title: 'Clear the queue?', message: 'Playback stops and the queue is emptied.',
      confirm: 'Clear queue', danger: true});
    if (ok) player.clear();
  }

  drop(e, to) {
    e.preventDefault();
    const from = Number(e.dataTransfer.getData('text/x-tm-queue-index'));
    this.dragFrom = this.dragOver = -1;
    if (Number.isInteger(from)) player.move(from, to);
  }

  row(e, i) {
    const t = e.track;
    const current = i === player.index;
    return html`<li class="queue-row ${current ? 'current' : ''} ${this.dragOver === i ? 'drop-target' : ''}
        ${this.dragFrom === i ? 'dragging' : ''}" data-qid=${e.qid} data-index=${i}
        draggable="true"
        @dragstart=${(ev) => {
          ev.dataTransfer.setData('text/x-tm-queue-index', String(i));
          ev.dataTransfer.effectAllowed = 'move';
          this.dragFrom = i;
        }}
        @dragend=${() => { this.dragFrom = this.dragOver = -1; }}
        @dragover=${(ev) => { ev.preventDefault(); ev.dataTransfer.dropEffect = 'move'; this.dragOver = i; }}
        @drop=${(ev) => this.drop(ev, i)}>
      <span class="grip" aria-hidden="true" title="Drag to reorder">${icon('grip', 18)}</span>
      <button class="queue-main" @click=${() => (current ? player.toggle() : player.jump(i))}
        aria-label="${current && player.playing ? 'Pause' : 'Play'} ${t.title}">
        <tm-cover .src=${t.coverUrl ?? ''} .label=${t.album?.title ?? t.title}></tm-cover>
        <span class="q-text"><span class="t">${t.title}</span><span class="sub">${t.artist}</span></span>
      </button>
      <span class="q-album hide-sm">${t.album?.title ?? ''}</span>
      <span class="num">${duration(t.durationMs)}</span>
      <span class="q-actions">
        <button class="icon-btn small" aria-label="Move ${t.title} up" ?disabled=${i === 0}
          @click=${() => player.move(i, i - 1)}>${icon('up', 18)}</button>
        <button class="icon-btn small" aria-label="Move ${t.title} down" ?disabled=${i === player.items.length - 1}
          @click=${() => player.move(i, i + 1)}>${icon('down', 18)}</button>
        <button class="icon-btn small" aria-label="Remove ${t.title} from the queue"
          @click=${() => player.remove(e.qid)}>${icon('close', 18)}</button>
      </span>
    </li>`;
  }

  render() {
    const items = player.items;
    const total = items.reduce((s, e) => s + (e.track.durationMs ?? 0), 0);
    const now = player.track;
    return html`<section class="view">
      <header class="view-head">
        <div><h1>Queue</h1>
          <p class="muted">${plural(items.length, 'track')}${total ? ` · ${longDuration(total)}` : ''}</p></div>
        <div class="head-actions">
          <button class="btn save-queue" ?disabled=${!items.length}
            @click=${() => addToPlaylist(items.map((x) => x.track), {title: 'Save queue as playlist'})}>
            ${icon('playlist', 18)}Save as playlist</button>
          <button class="btn ghost clear-queue" ?disabled=${!items.length} @click=${() => this.clear()}>
            ${icon('trash', 18)}Clear</button>
        </div>
      </header>
      ${now ? html`<div class="now-card">
        <tm-cover .src=${now.coverUrl ?? ''} .label=${now.album?.title ?? now.title}></tm-cover>
        <div><p class="eyebrow">${player.playing ? 'Now playing' : 'Paused'}</p>
          <h2>${now.title}</h2><p class="muted">${artistLinks(now)}${now.album ? html` · <a
            href="/albums/${encodeURIComponent(now.album.id)}">${now.album.title}</a>` : nothing}</p></div>
      </div>` : nothing}
      ${items.length ? html`<ol class="queue" aria-label="Queue">${items.map((e, i) => this.row(e, i))}</ol>`
        : html`<div class="empty-state"><h2>The queue is empty</h2>
          <p>Play an album or a track, or add some with <span class="inline-icon">${icon('plus', 16)}</span>.</p>
          <p><a class="btn primary" href="/albums">Browse albums</a></p></div>`}
    </section>`;
  }
}
customElements.define('tm-queue-view', QueueView);
