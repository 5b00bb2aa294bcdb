// Line icons drawn for Teammusic on a 24-unit grid; they take the text colour. Decorative: the buttons that carry
// them have their own labels, so every icon is hidden from screen readers.
import {html, svg} from 'lit';

const shapes = {
  play: svg`<path d="M8 5.5v13l10.5-6.5z" fill="currentColor" stroke-linejoin="round"/>`,
  pause: svg`<rect x="6.5" y="5" width="3.8" height="14" rx="1" fill="currentColor" stroke="none"/>
    <rect x="13.7" y="5" width="3.8" height="14" rx="1" fill="currentColor" stroke="none"/>`,
  next: svg`<path d="M6 6v12l8.5-6z" fill="currentColor" stroke-linejoin="round"/><path d="M18 6v12"/>`,
  prev: svg`<path d="M18 6v12l-8.5-6z" fill="currentColor" stroke-linejoin="round"/><path d="M6 6v12"/>`,
  shuffle: svg`<path d="M4 7h3.5c4.5 0 4.5 10 9 10H20"/><path d="M4 17h3.5c1.6 0 2.6-1.3 3.4-3"/>
    <path d="M13.1 10c.8-1.7 1.8-3 3.4-3H20"/><path d="M17.5 4.5 20 7l-2.5 2.5"/><path d="M17.5 14.5 20 17l-2.5 2.5"/>`,
  repeat: svg`<path d="M5 11V9.5A2.5 2.5 0 0 1 7.5 7H19"/><path d="M16.5 4.5 19 7l-2.5 2.5"/>
    <path d="M19 13v1.5a2.5 2.5 0 0 1-2.5 2.5H5"/><path d="M7.5 19.5 5 17l2.5-2.5"/>`,
  repeatOne: svg`<path d="M5 11V9.5A2.5 2.5 0 0 1 7.5 7H19"/><path d="M16.5 4.5 19 7l-2.5 2.5"/>
    <path d="M19 13v1.5a2.5 2.5 0 0 1-2.5 2.5H5"/><path d="M7.5 19.5 5 17l2.5-2.5"/>
    <path d="M11.2 10.8 12.6 10v4.2" stroke-width="1.6"/>`,
  volume: svg`<path d="M4 9.5v5h3.5L12 18.5v-13L7.5 9.5z" fill="currentColor" stroke-linejoin="round"/>
    <path d="M15.5 9a4 4 0 0 1 0 6"/><path d="M18 6.5a7.5 7.5 0 0 1 0 11"/>`,
  volumeLow: svg`<path d="M4 9.5v5h3.5L12 18.5v-13L7.5 9.5z" fill="currentColor" stroke-linejoin="round"/>
    <path d="M15.5 9a4 4 0 0 1 0 6"/>`,
  mute: svg`<path d="M4 9.5v5h3.5L12 18.5v-13L7.5 9.5z" fill="currentColor" stroke-linejoin="round"/>
    <path d="m15.5 9.5 5 5"/><path d="m20.5 9.5-5 5"/>`,
  queue: svg`<path d="M4 6h12"/>
    <path d="M4 11h12"/>
    <path d="M4 16h7"/>
    <path d="M15 14.5v5l4-2.5z" fill="currentColor"/>`,
  search: svg`<circle cx="10.5" cy="10.5" r="6"/><path d="m15 15 4.5 4.5"/>`,
  album: svg`<circle cx="12" cy="12" r="8.5"/>
    <circle cx="12" cy="12" r="2.2"/>
    <path d="M12 5.8a6.2 6.2 0 0 1 5.6 3.6"/>`,
  artist: svg`<circle cx="12" cy="8.5" r="3.8"/><path d="M4.5 20c.8-4 3.7-6 7.5-6s6.7 2 7.5 6"/>`,
  track: svg`<path d="M9 18V6.5l10-2v11"/><circle cx="6.5" cy="18" r="2.5"/><circle cx="16.5" cy="15.5" r="2.5"/>`,
  upload: svg`<path d="M12 15.5V4.5"/>
    <path d="m7.5 9 4.5-4.5L16.5 9"/>
    <path d="M4.5 15v3a1.5 1.5 0 0 0 1.5 1.5h12a1.5 1.5 0 0 0 1.5-1.5v-3"/>`,
  users: svg`<circle cx="9" cy="8.5" r="3.3"/><path d="M3 19c.6-3.3 2.9-5 6-5s5.4 1.7 6 5"/>
    <path d="M15.5 5.6a3.3 3.3 0 0 1 0 5.8"/><path d="M17.5 14.3c1.9.6 3.1 2.2 3.5 4.7"/>`,
  edit: svg`<path d="M5 19h3.5L19 8.5 15.5 5 5 15.5z" stroke-linejoin="round"/><path d="m13.5 7 3.5 3.5"/>`,
  trash: svg`<path d="M4.5 7h15"/>
    <path d="M9.5 7V4.8h5V7"/>
    <path d="M6.5 7l.9 12.2h9.2L17.5 7"/>
    <path d="M10.2 10.5v5.5M13.8 10.5v5.5"/>`,
  plus: svg`<path d="M12 5v14M5 12h14"/>`,
  playNext: svg`<path d="M4 7h9"/><path d="M4 12h9"/><path d="M4 17h5"/><path d="M17 13v7M13.5 16.5h7"/>`,
  more: svg`<circle cx="6" cy="12" r="1.4" fill="currentColor"/><circle cx="12" cy="12" r="1.4" fill="currentColor"/>
    <circle cx="18" cy="12" r="1.4" fill="currentColor"/>`,
  close: svg`<path d="m6 6 12 12M18 6 6 18"/>`,
  menu: svg`<path d="M4 7h16M4 12h16M4 17h16"/>`,
  grip: svg`<circle cx="9" cy="7" r="1.2" fill="currentColor"/><circle cx="15" cy="7" r="1.2" fill="currentColor"/>
    <circle cx="9" cy="12" r="1.2" fill="currentColor"/><circle cx="15" cy="12" r="1.2" fill="currentColor"/>
    <circle cx="9" cy="17" r="1.2" fill="currentColor"/><circle cx="15" cy="17" r="1.2" fill="currentColor"/>`,
  up: svg`<path d="m6.5 14.5 5.5-5.5 5.5 5.5"/>`,
  down: svg`<path d="m6.5 9.5 5.5 5.5 5.5-5.5"/>`,
  logout: svg`<path d="M10 5H6.5A1.5 1.5 0 0 0 5 6.5v11A1.5 1.5 0 0 0 6.5 19H10"/>
    <path d="M10.5 12H20"/>
    <path d="m16.5 8.5 3.5 3.5-3.5 3.5"/>`,
  keyboard: svg`<rect x="3" y="6.5" width="18" height="11" rx="2"/>
    <path d="M7 10h.01M10.5 10h.01M14 10h.01M17 10h.01M8 14h8"/>`,
  check: svg`<path d="m5 12.5 4.5 4.5L19 7.5"/>`,
  alert: svg`<path d="M12 4 21 19.5H3z" stroke-linejoin="round"/><path d="M12 10v4.5M12 17.2v.1"/>`,
  copy: svg`<rect x="8.5" y="8.5" width="11" height="11" rx="1.5"/>
    <path d="M15.5 8.5V6A1.5 1.5 0 0 0 14 4.5H6A1.5 1.5 0 0 0 4.5 6v8A1.5 1.5 0 0 0 6 15.5h2.5"/>`,
  folder: svg`<path
    d="M3.5 7.5A1.5 1.5 0 0 1 5 6h4l2 2h8a1.5 1.5 0 0 1 1.5 1.5v8A1.5 1.5 0 0 1 19 19H5a1.5 1.5 0 0 1-1.5-1.5z"/>`,
  heart: svg`<path d="M12 19.5s-7.5-4.4-7.5-10A4.2 4.2 0 0 1 12 7a4.2 4.2 0 0 1 7.5 2.5c0 5.6-7.5 10-7.5 10z"
    stroke-linejoin="round"/>`,
  heartFull: svg`<path d="M12 19.5s-7.5-4.4-7.5-10A4.2 4.2 0 0 1 12 7a4.2 4.2 0 0 1 7.5 2.5c0 5.6-7.5 10-7.5 10z"
    fill="currentColor" stroke-linejoin="round"/>`,
  phone: svg`<rect x="7" y="3" width="10" height="18" rx="2"/><path d="M11 17.5h2"/>`,
  playlist: svg`<path d="M4 6h11"/><path d="M4 11h11"/><path d="M4 16h6"/><path d="M18 17.5V8.5l3-1"/>
    <circle cx="16" cy="17.5" r="2"/>`,
  globe: svg`<circle cx="12" cy="12" r="8.5"/><path d="M3.5 12h17"/>
    <path d="M12 3.5c2.4 2.3 3.5 5.2 3.5 8.5s-1.1 6.2-3.5 8.5c-2.4-2.3-3.5-5.2-3.5-8.5s1.1-6.2 3.5-8.5z"/>`,
  lock: svg`<rect x="5.5" y="10.5" width="13" height="9" rx="1.5"/><path d="M8.5 10.5V8a3.5 3.5 0 0 1 7 0v2.5"/>`,
  retry: svg`<path d="M19 12a7 7 0 1 1-2.1-5"/><path d="M17.5 3.5v4h-4"/>`,
};

export function icon(name, size = 20) {
  return html`<svg class="icon" width=${size} height=${size} viewBox="0 0 24 24" fill="none" stroke="currentColor"
    stroke-width="1.8" stroke-linecap="round" aria-hidden="true" focusable="false">${shapes[name]}</svg>`;
}
