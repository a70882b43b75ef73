/**
 * Publication times of the demo edition, relative to a reference "now" so the demo always
 * looks fresh. The schedule is deterministic: the same `now` always gives the same dates.
 */

export type When =
  | { kind: 'ago'; minutes: number }
  | { kind: 'ahead'; minutes: number }
  /** The n-th most recent given weekday (0 = Sunday) at hourUtc, never after now. */
  | { kind: 'weekly'; weekday: number; hourUtc: number; minuteUtc: number; weeksBack: number };

/** So long ago: days, hours and minutes before now. */
export function ago(days: number, hours = 0, minutes = 0): When {
  return { kind: 'ago', minutes: (days * 24 + hours) * 60 + minutes };
}

/** So long after now (for scheduled articles). */
export function ahead(days: number, hours = 0, minutes = 0): When {
  return { kind: 'ahead', minutes: (days * 24 + hours) * 60 + minutes };
}

/** The most recent occurrence (weeksBack = 0), or an earlier one, of a weekday at a UTC time. */
export function weekly(weekday: number, hourUtc: number, minuteUtc = 0, weeksBack = 0): When {
  return { kind: 'weekly', weekday, hourUtc, minuteUtc, weeksBack };
}

/** The reference instant, rounded down to five minutes so times read like an editor chose them. */
export function referenceNow(now: Date): Date {
  const step = 5 * 60_000;
  return new Date(Math.floor(now.getTime() / step) * step);
}

/** The instant a schedule entry designates for the given reference now. */
export function resolveWhen(when: When, now: Date): Date {
  switch (when.kind) {
    case 'ago':
      return new Date(now.getTime() - when.minutes * 60_000);
    case 'ahead':
      return new Date(now.getTime() + when.minutes * 60_000);
    case 'weekly': {
      const candidate = new Date(now);
      candidate.setUTCHours(when.hourUtc, when.minuteUtc, 0, 0);
      const back = (candidate.getUTCDay() - when.weekday + 7) % 7;
      candidate.setUTCDate(candidate.getUTCDate() - back);
      if (candidate.getTime() > now.getTime()) candidate.setUTCDate(candidate.getUTCDate() - 7);
      candidate.setUTCDate(candidate.getUTCDate() - 7 * when.weeksBack);
      return candidate;
    }
  }
}
