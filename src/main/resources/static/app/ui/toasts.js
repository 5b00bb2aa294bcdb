import {html} from 'lit';
import {Element} from './base.js';
import {notices} from '../notify.js';
import {icon} from '../icons.js';

/** The notices area; a polite live region, so screen readers read each message once. */
class Toasts extends Element {
  constructor() {
    super();
    this.listen(notices, 'change');
  }

  render() {
    return html`<div class="toasts" role="status" aria-live="polite">
      ${notices.items.map((n) => html`<div class="toast ${n.kind}" data-kind=${n.kind}>
        ${icon(n.kind === 'error' ? 'alert' : 'check', 18)}<span>${n.message}</span>
        <button class="icon-btn small" aria-label="Dismiss" @click=${() => notices.dismiss(n.id)}>
          ${icon('close', 16)}</button>
      </div>`)}
    </div>`;
  }
}
customElements.define('tm-toasts', Toasts);
