/**
 * Dates for readers and machines, always in Europe/Paris.
 *
 * Editorial style: "1er décembre 2026 à 8 h 05". A no-break space U+00A0 joins the day to its
 * month and surrounds the "h" of the time, so "1er | décembre" or "8 h | 05" never break across
 * lines. The time is always written with minutes ("8 h 00"), hours without a leading zero.
 */

import { BoundedMemo } from '../cache/bounded-memo.ts';

const NBSP = '\u00A0';

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/**
 * One cached formatter gives every field plus the UTC offset in force in Paris at that instant
 * (Intl knows the DST rules). Creating a DateTimeFormat is costly; formatToParts is not.
 */
const PARIS_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

/** ISO 8601 with an explicit zone (the stored form), or a bare calendar date. */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/;

interface ParisParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  offset: string; // "+01:00"
}

/**
 * Parses an ISO 8601 instant strictly. A time without a zone is refused: it would be read in the
 * server's own zone, which is exactly the bug this module exists to avoid.
 */
export function parseInstant(value: string | Date): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid(String(value));
    return value;
  }
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  if (!match) throw invalid(value);
  const [, year, month, day, hour = '0', minute = '0', second = '0', offsetHours = '0', offsetMinutes = '0'] = match;
  const monthNumber = Number(month);
  const dayNumber = Number(day);
  if (
    monthNumber < 1 ||
    monthNumber > 12 ||
    dayNumber < 1 ||
    dayNumber > daysInMonth(Number(year), monthNumber) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59 ||
    Number(offsetHours) > 23 ||
    Number(offsetMinutes) > 59
  ) {
    throw invalid(value);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid(value);
  return date;
}

/** "1er décembre 2026" (Paris calendar day). */
export function formatDateFr(iso: string | Date): string {
  const p = parisParts(iso);
  return `${p.day === 1 ? '1er' : p.day}${NBSP}${MONTHS[p.month - 1]} ${p.year}`;
}

/** "8 h 05" (Paris wall-clock time, editorial style). */
export function formatTimeFr(iso: string | Date): string {
  return timeOf(parisParts(iso));
}

/** "1er décembre 2026 à 8 h 05". */
export function formatDateTimeFr(iso: string | Date): string {
  const p = parisParts(iso);
  return `${p.day === 1 ? '1er' : p.day}${NBSP}${MONTHS[p.month - 1]} ${p.year} à ${timeOf(p)}`;
}

/** "2026-12-01T08:05:00+01:00": Paris wall-clock time with its offset, for <time datetime> and JSON-LD. */
export function toParisIso(iso: string | Date): string {
  const p = parisParts(iso);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${p.offset}`;
}

/** "Tue, 01 Dec 2026 07:05:00 GMT": the RFC 822 form RSS wants for pubDate (and HTTP for Last-Modified). */
export function toRfc822(iso: string | Date): string {
  // toUTCString yields the RFC 7231 IMF-fixdate, the RFC 1123 profile of RFC 822 dates.
  return parseInstant(iso).toUTCString();
}

// formatToParts is slow and pages show the same few hundred instants again and again.
const partsByInstant = new BoundedMemo<ParisParts>(4096);

function parisParts(iso: string | Date): ParisParts {
  const key = typeof iso === 'string' ? iso : iso.toISOString();
  return partsByInstant.get(key, () => computeParisParts(iso));
}

function computeParisParts(iso: string | Date): ParisParts {
  const parts = PARIS_PARTS.formatToParts(parseInstant(iso));
  const p: ParisParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, offset: '+00:00' };
  for (const part of parts) {
    switch (part.type) {
      case 'year':
        p.year = Number(part.value);
        break;
      case 'month':
        p.month = Number(part.value);
        break;
      case 'day':
        p.day = Number(part.value);
        break;
      case 'hour':
        p.hour = Number(part.value);
        break;
      case 'minute':
        p.minute = Number(part.value);
        break;
      case 'second':
        p.second = Number(part.value);
        break;
      // "GMT+01:00"; plain "GMT" when the offset is zero
      case 'timeZoneName':
        p.offset = part.value.length > 3 ? part.value.slice(3) : '+00:00';
        break;
    }
  }
  return p;
}

function timeOf(p: ParisParts): string {
  return `${p.hour}${NBSP}h${NBSP}${pad(p.minute)}`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function invalid(value: unknown): RangeError {
  return new RangeError(
    `Date invalide : ${JSON.stringify(value)} (attendu : ISO 8601 avec fuseau, par exemple "2026-11-26T08:05:00.000Z")`,
  );
}

/**
 * Orders two stored instants (ISO 8601 in UTC, as every column holds them) oldest first: such
 * strings sort as their instants do, compared code unit by code unit. `localeCompare` gives the
 * same order through ICU collation, many times slower, which showed in every listing's sort.
 */
export function compareInstants(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
