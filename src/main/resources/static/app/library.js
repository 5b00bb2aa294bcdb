// Fired when the library changes (an upload, an edit, a deletion) so visible lists can reload.
export const library = new EventTarget();
export const libraryChanged = (detail) => library.dispatchEvent(new CustomEvent('change', {detail}));
