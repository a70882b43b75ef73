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

const PARIS_CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });

/** Minutes since midnight on the Paris wall clock. */
function parisMinutesOfDay(instant: Date): number {
  const parts = PARIS_CLOCK.formatToParts(instant);
  const value = (type: string): number => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

/** Before this Paris time, the day's edition is not out yet. */
const EDITION_READY_MINUTES = 9 * 60;
/** Time the previous evening at which the edition is then closed (22:00). */
const EVENING_CLOSE_MINUTES = 22 * 60;

/**
 * The instant the demo edition is dated from. The day's pépites and news span the nine hours before
 * it; run in the small hours, they would straddle midnight and the home page would show a day with
 * one pick. So before 9:00 Paris time the edition is the previous evening's, closed at 22:00.
 */
export function editionTime(now: Date): Date {
  const rounded = referenceNow(now);
  const minutes = parisMinutesOfDay(rounded);
  if (minutes >= EDITION_READY_MINUTES) return rounded;
  return new Date(rounded.getTime() - (minutes + 24 * 60 - EVENING_CLOSE_MINUTES) * 60_000);
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
