// Keyboard shortcuts and their help overlay ("?").
import {html, render} from 'lit';
import {player} from '../player.js';

export const SHORTCUTS = [
  ['Space', 'Play or pause'],
  ['← / →', 'Seek back / forward 10 s (with Shift: 30 s)'],
  ['↑ / ↓', 'Volume up / down'],
  ['n / p', 'Next / previous track'],
  ['m', 'Mute or unmute'],
  ['/', 'Search'],
  ['Alt+↑ / Alt+↓', 'Move the focused track up / down in your playlist'],
  ['?', 'Show this help'],
  ['Esc', 'Close a dialog'],
];

export function showHelp() {
  if (document.querySelector('dialog.help')) return;
  const dialog = document.createElement('dialog');
  dialog.className = 'dialog help';
  dialog.setAttribute('aria-labelledby', 'help-title');
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  render(html`<h2 id="help-title">Keyboard shortcuts</h2>
    <dl class="shortcuts">${SHORTCUTS.map(([k, what]) => html`<dt>${k.split(' / ').map((p, i) =>
      html`${i ? ' / ' : ''}<kbd>${p}</kbd>`)}</dt><dd>${what}</dd>`)}</dl>
    <div class="dialog-actions"><button class="btn primary" autofocus @click=${close}>Close</button></div>`, dialog);
  dialog.addEventListener('close', () => dialog.remove());
  dialog.addEventListener('click', (e) => e.target === dialog && close());
  document.body.append(dialog);
  dialog.showModal();
}

function typing(el) {
  const tag = el?.tagName;
  return el?.isContentEditable || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** Space on a focused button or link activates it, as keyboard users expect; elsewhere it plays or pauses. */
function activatable(el) {
  return ['BUTTON', 'A', 'SUMMARY'].includes(el?.tagName) || el?.getAttribute?.('role') === 'button';
}

export function installShortcuts() {
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (document.querySelector('dialog[open]')) return;
    const el = e.target;
    if (typing(el)) {
      if (e.key === 'Escape' && el.type === 'search') el.blur();
      return;
    }
    const run = (fn) => {
      e.preventDefault();
      fn();
    };
    switch (e.key) {
      case ' ':
        if (!activatable(el)) run(() => player.toggle());
        break;
      case 'ArrowLeft': run(() => player.seekBy(e.shiftKey ? -30 : -10)); break;
      case 'ArrowRight': run(() => player.seekBy(e.shiftKey ? 30 : 10)); break;
      case 'ArrowUp': run(() => player.setVolume(player.volume + 0.05)); break;
      case 'ArrowDown': run(() => player.setVolume(player.volume - 0.05)); break;
      case 'n': case 'N': run(() => player.next()); break;
      case 'p': case 'P': run(() => player.prev()); break;
      case 'm': case 'M': run(() => player.toggleMute()); break;
      case '/': run(() => document.querySelector('#search')?.focus()); break;
      case '?': run(showHelp); break;
      default:
    }
  });
}
