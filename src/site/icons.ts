/**
 * Inline SVG icons (drawn for Kiosque; no icon font, no request). Each is decorative: the control
 * around it carries the accessible name, so the SVG is aria-hidden and not focusable.
 */

const STROKE = 'fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"';

const PATHS = {
  email: `<g ${STROKE}><rect x="3" y="5" width="18" height="14" rx="2"/><path d="m3.5 6.5 8.5 6.5 8.5-6.5"/></g>`,
  sms: `<g ${STROKE}><path d="M4 5.5h16v10.5H10l-4.5 3.5V16H4z"/><path d="M8 10.5h.01M12 10.5h.01M16 10.5h.01"/></g>`,
  whatsapp: `<path ${STROKE} d="M12 3.5a8.5 8.5 0 0 0-7.3 12.8L3.5 20.5l4.3-1.1A8.5 8.5 0 1 0 12 3.5z"/><path fill="currentColor" d="M9.1 8.2c.3-.3.8-.3 1 .1l.8 1.6c.1.3 0 .6-.2.8l-.5.5c.6 1.2 1.5 2.1 2.7 2.7l.5-.5c.2-.2.5-.3.8-.2l1.6.8c.4.2.4.7.1 1-.6.7-1.6 1.1-2.5.8-2.4-.8-4.3-2.7-5.1-5.1-.3-.9.1-1.9.8-2.5z"/>`,
  telegram: `<path ${STROKE} d="M20.5 4 3.5 11l5.5 2 2 6 3-4 4.5 3.5zM9 13l11.5-9"/>`,
  facebook: `<path fill="currentColor" d="M13.5 21v-7.5H16l.4-3h-2.9V8.7c0-.9.3-1.5 1.5-1.5h1.5V4.5c-.3 0-1.2-.1-2.2-.1-2.2 0-3.8 1.3-3.8 3.9v2.2H8v3h2.5V21z"/>`,
  x: `<path fill="currentColor" d="M4 4h4.6l3.9 5.4L17.2 4h2.3l-6 6.9L20.3 20h-4.6l-4.2-5.8L6.4 20H4.1l6.4-7.3zm2.9 1.5 9.6 13h1.2l-9.5-13z"/>`,
  linkedin: `<path fill="currentColor" d="M4.5 9h3v11h-3zM6 3.8a1.8 1.8 0 1 1 0 3.6 1.8 1.8 0 0 1 0-3.6zM10 9h2.9v1.5c.5-.9 1.7-1.8 3.4-1.8 3.1 0 3.7 2 3.7 4.7V20h-3v-5.8c0-1.4 0-3.1-1.9-3.1S13 12.6 13 14.1V20h-3z"/>`,
  bluesky: `<path fill="currentColor" d="M12 10.7C10.9 8.4 7.9 4.3 5.1 3.6c-1.9-.5-2.2.9-2 2.3.1 1.2.6 4.5 1.1 5.5.9 1.7 2.8 2 4.6 1.8-2.7.5-4.9 1.6-2.5 4.6 2.6 3 4.2.2 5.7-2.6 1.5 2.8 2.9 5.5 5.7 2.6 2.3-2.6.3-4.1-2.5-4.6 1.8.2 3.7-.1 4.6-1.8.5-1 1-4.3 1.1-5.5.2-1.4-.1-2.8-2-2.3-2.8.7-5.8 4.8-6.9 7.1z"/>`,
  link: `<g ${STROKE}><path d="M10 14a4.2 4.2 0 0 0 6 0l3-3a4.2 4.2 0 0 0-6-6l-1.2 1.2"/><path d="M14 10a4.2 4.2 0 0 0-6 0l-3 3a4.2 4.2 0 0 0 6 6l1.2-1.2"/></g>`,
  share: `<g ${STROKE}><path d="M12 3.5v11M8 7.5l4-4 4 4"/><path d="M6 11H5v9h14v-9h-1"/></g>`,
  arrowRight: `<path ${STROKE} d="M5 12h14M13 6l6 6-6 6"/>`,
} as const;

export type IconName = keyof typeof PATHS;

/** The SVG markup of an icon, sized by CSS (1em by default through the .icon class). */
export function icon(name: IconName): string {
  return `<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">${PATHS[name]}</svg>`;
}
