/**
 * HTML templating: `html` escapes every interpolated value; `!${value}` inserts
 * already-rendered HTML (use it only for the output of another `html` call).
 */
export { html } from 'ghtml';

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
