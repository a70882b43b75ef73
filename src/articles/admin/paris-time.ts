// Newsroom times are typed in Paris wall-clock time (datetime-local fields, date filters) and
// stored in UTC. These conversions follow the Europe/Paris daylight-saving rules through Intl.

const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Minutes Paris is ahead of UTC at this instant (60 in winter, 120 in summer). */
function parisOffsetMinutes(instant: number): number {
  const p = Object.fromEntries(PARIS.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * "2026-12-01T09:30" (or "2026-12-01", midnight) read as Paris time → the UTC instant, or null
 * when the text is not a real date. A time skipped by the spring change resolves forward.
 */
export function parisLocalToUtc(local: string): Date | null {
  const m = LOCAL_DATE_TIME.exec(local.trim());
  if (!m) return null;
  const [year, month, day, hour = '0', minute = '0', second = '0'] = m.slice(1).map((v) => v ?? undefined) as string[];
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== Number(year) ||
    check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59
  )
    return null;
  // The offset depends on the instant we are looking for: guess, then correct once.
  let instant = wall - parisOffsetMinutes(wall) * 60_000;
  instant = wall - parisOffsetMinutes(instant) * 60_000;
  return new Date(instant);
}

/** The UTC instant of midnight, Paris time, starting the given day ("2026-12-01"), and of the next day. */
export function parisDayBounds(day: string): { start: Date; end: Date } | null {
  const start = parisLocalToUtc(day);
  if (!start || day.includes('T')) return null;
  const [y, mo, d] = day.split('-').map(Number);
  const next = new Date(Date.UTC(y, mo - 1, d + 1));
  const end = parisLocalToUtc(next.toISOString().slice(0, 10))!;
  return { start, end };
}
