// Components render into the light DOM so that one stylesheet themes the whole app.
import {LitElement} from 'lit';

export class Element extends LitElement {
  createRenderRoot() {
    return this;
  }

  /** Re-render whenever {@code target} fires one of {@code types}, for as long as the element is attached. */
  listen(target, ...types) {
    this.listeners ??= [];
    const fn = () => this.requestUpdate();
    for (const t of types) this.listeners.push([target, t, fn]);
    if (this.isConnected) for (const t of types) target.addEventListener(t, fn);
  }

  connectedCallback() {
    super.connectedCallback();
    for (const [t, type, fn] of this.listeners ?? []) t.addEventListener(type, fn);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    for (const [t, type, fn] of this.listeners ?? []) t.removeEventListener(type, fn);
  }
}
