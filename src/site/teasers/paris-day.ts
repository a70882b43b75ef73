import { toParisIso } from '../../core/text/dates.ts';

/** The Paris calendar day of an instant, "2026-11-26": what "today" means to French readers. */
export function parisDay(iso: string | Date): string {
  return toParisIso(iso).slice(0, 10);
}

const SHORT_MONTHS = ['janv.', 'févr.', 'mars', 'avril', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

/** "26 nov.", "1er déc.": the short Paris day for dense lists (no-break space inside). */
export function shortDateFr(iso: string | Date): string {
  const [, month, day] = parisDay(iso).split('-').map(Number);
  return `${day === 1 ? '1er' : day}\u00a0${SHORT_MONTHS[month - 1]}`;
}
