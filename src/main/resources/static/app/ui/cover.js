// A cover image, fetched with the bearer token once it scrolls into view; a coloured tile with initials until then
// (and for music without art).
import {html} from 'lit';
import {Element} from './base.js';
import {coverObjectUrl} from '../api.js';
import {hue, initials} from '../format.js';

const seen = new IntersectionObserver((entries) => {
  for (const e of entries) {
    if (e.isIntersecting) {
      seen.unobserve(e.target);
      e.target.visible = true;
    }
  }
}, {rootMargin: '300px'});

class Cover extends Element {
  static properties = {
    src: {},
    label: {},
    visible: {state: true},
    url: {state: true},
  };

  constructor() {
    super();
    this.src = '';
    this.label = '';
    this.visible = false;
    this.url = null;
  }

  connectedCallback() {
    super.connectedCallback();
    seen.observe(this);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    seen.unobserve(this);
  }

  willUpdate(changed) {
    if (changed.has('src')) this.url = null;
    if ((changed.has('src') || changed.has('visible')) && this.visible && this.src) {
      const want = this.src;
      coverObjectUrl(want).then((u) => {
        if (this.src === want) this.url = u;
      });
    }
  }

  render() {
    const h = hue(this.label);
    return this.url
      ? html`<img src=${this.url} alt="" loading="lazy" decoding="async">`
      : html`<div class="cover-fallback" style="--h:${h}" aria-hidden="true">
          <span>${initials(this.label)}</span></div>`;
  }
}
customElements.define('tm-cover', Cover);
