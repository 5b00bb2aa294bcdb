// Modal dialogs on the native <dialog> element: it traps focus, closes on Escape and restores focus itself.
import {html, render} from 'lit';

/** Asks a yes/no question; resolves true when the user confirms. */
export function confirmDialog({title, message, confirm = 'OK', danger = false}) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'dialog';
    dialog.setAttribute('aria-labelledby', 'confirm-title');
    const done = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    render(html`<form method="dialog" @submit=${(e) => { e.preventDefault(); done(true); }}>
      <h2 id="confirm-title">${title}</h2>
      <p>${message}</p>
      <div class="dialog-actions">
        <button type="button" class="btn ghost" @click=${() => done(false)}>Cancel</button>
        <button type="submit" class="btn ${danger ? 'danger' : 'primary'}" autofocus>${confirm}</button>
      </div>
    </form>`, dialog);
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(false); });
    document.body.append(dialog);
    dialog.showModal();
  });
}
