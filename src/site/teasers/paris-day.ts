import { toParisIso } from '../../core/text/dates.ts';

/** The Paris calendar day of an instant, "2026-11-26": what "today" means to French readers. */
export function parisDay(iso: string | Date): string {
  return toParisIso(iso).slice(0, 10);
}
