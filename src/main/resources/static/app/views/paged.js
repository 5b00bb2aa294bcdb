// Loads a Page<T> endpoint page by page as the user scrolls, and reloads when the library changes.
import {api} from '../api.js';
import {library} from '../library.js';

export class PagedList {
  constructor(host, url, size = 60) {
    this.host = host;
    this.url = url;
    this.size = size;
    this.items = [];
    this.total = null;
    this.page = -1;
    this.loading = false;
    this.error = '';
    this.gen = 0;
    this.observer = new IntersectionObserver((e) => e.some((x) => x.isIntersecting) && this.more(),
      {rootMargin: '600px'});
    this.onChange = () => this.reset();
    host.addController(this);
  }

  hostConnected() {
    library.addEventListener('change', this.onChange);
  }

  hostDisconnected() {
    library.removeEventListener('change', this.onChange);
    this.observer.disconnect();
  }

  /** Watch this element (put after the list) to load the next page when it comes near. */
  watch(el) {
    if (el === this.sentinel) return;
    this.observer.disconnect();
    this.sentinel = el;
    if (el) this.observer.observe(el);
  }

  get done() {
    return this.total !== null && this.items.length >= this.total;
  }

  reset(url = this.url) {
    this.url = url;
    this.items = [];
    this.total = null;
    this.page = -1;
    this.error = '';
    this.loading = false;
    this.gen++;
    this.more();
  }

  async more() {
    if (this.loading || this.done || this.error) return;
    this.loading = true;
    const gen = this.gen;
    this.host.requestUpdate();
    const sep = this.url.includes('?') ? '&' : '?';
    try {
      const p = await api(`${this.url}${sep}page=${this.page + 1}&size=${this.size}`);
      if (gen !== this.gen) return;
      this.page++;
      this.items = [...this.items, ...(p.items ?? [])];
      this.total = p.total ?? this.items.length;
    } catch (e) {
      if (gen !== this.gen) return;
      this.error = e.message;
    } finally {
      if (gen === this.gen) this.loading = false;
      this.host.requestUpdate();
      // Observing anew reports the sentinel's state again: a page that did not fill the screen loads the next.
      this.host.updateComplete.then(() => {
        if (this.sentinel && !this.done && !this.error) {
          this.observer.unobserve(this.sentinel);
          this.observer.observe(this.sentinel);
        }
      });
    }
  }
}
