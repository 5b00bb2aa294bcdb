// User-facing messages: every failure the user should know about goes through here and is shown in words.

class Notices extends EventTarget {
  constructor() {
    super();
    this.items = [];
    this.seq = 0;
  }

  /** kind: 'info' | 'success' | 'error'. Errors stay longer, since they usually need reading. */
  show(message, kind = 'info', ms = kind === 'error' ? 8000 : 4000) {
    const item = {id: ++this.seq, message, kind};
    this.items = [...this.items, item].slice(-4);
    this.emit();
    setTimeout(() => this.dismiss(item.id), ms);
    return item.id;
  }

  dismiss(id) {
    const before = this.items.length;
    this.items = this.items.filter((i) => i.id !== id);
    if (this.items.length !== before) this.emit();
  }

  emit() {
    this.dispatchEvent(new Event('change'));
  }
}

export const notices = new Notices();
export const notify = (message, kind, ms) => notices.show(message, kind, ms);
