import { sql } from 'kysely';
import { z } from 'zod';
import { type Actor, assertCan } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { AppError } from '../core/http/app-error.ts';

/**
 * The sending cap of the publication (messages per second and per hour; 0: none), set in the back
 * office and honoured by every sending process together: each message starts in a slot of its
 * own, and slots are handed out from one row of the database (`newsletter_send_pace`), the next
 * free one moved on atomically by each reservation, so two processes never share a slot.
 *
 * Slots are spaced by the stricter of the two caps (1/s and 3600/h): an hourly cap is spread
 * evenly over the hour rather than spent in a burst. A message starts at its slot or a little
 * after, never before; a slot a stalled process wakes up too late for (by more than a spacing, or
 * 50 ms when that is shorter: `slotToleranceMs`) is dropped, not used, so late messages do not
 * bunch: the starts of any second come from slots of a second and that tolerance, at most
 * `maxStartsPerSecond` (21 at 20/s, 15 at 14/s, 1,050 at 1,000/s), and N starts span at least
 * N − 1 spacings less the tolerance. That is what the cap promises, at the sender: the SMTP server
 * sees each message a transaction later, and a connection's first message also waits for the
 * connection to open (send-worker.test.ts measures both).
 */
export interface SendingLimits {
  perSecond: number;
  perHour: number;
}

const PACE_ROW = 1;
/** A slot missed by more than a spacing and this is dropped (a timer is always a little late). */
const LATE_SLOT_MS = 50;
/** How long a process trusts "no cap" before reading the setting again. */
const UNCAPPED_RECHECK_MS = 2000;

export const sendingLimitsSchema = z.object({
  perSecond: z
    .number({ error: 'Saisissez un nombre entier.' })
    .int('Saisissez un nombre entier.')
    .min(0, 'Saisissez 0 ou plus.')
    .max(10_000, 'Au plus 10 000 messages par seconde.'),
  perHour: z
    .number({ error: 'Saisissez un nombre entier.' })
    .int('Saisissez un nombre entier.')
    .min(0, 'Saisissez 0 ou plus.')
    .max(36_000_000, 'Au plus 36 000 000 messages par heure.'),
});

/** The cap as set (no row yet: no cap). */
export async function readSendingLimits(db: Db): Promise<SendingLimits> {
  const row = await db.selectFrom('newsletter_send_pace').select(['per_second', 'per_hour']).where('id', '=', PACE_ROW).executeTakeFirst();
  return { perSecond: row?.per_second ?? 0, perHour: row?.per_hour ?? 0 };
}

/** Sets the cap (newsletter:manage); every sending process follows it from its next reservation. */
export async function saveSendingLimits(ctx: AppContext, actor: Actor, input: SendingLimits): Promise<void> {
  assertCan(actor, 'newsletter:manage');
  const parsed = sendingLimitsSchema.safeParse(input);
  if (!parsed.success)
    throw AppError.invalid(
      'Vérifiez les champs signalés.',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  const { perSecond, perHour } = parsed.data;
  const now = new Date().toISOString();
  await ctx.db
    .insertInto('newsletter_send_pace')
    .values({ id: PACE_ROW, per_second: perSecond, per_hour: perHour, updated_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ per_second: perSecond, per_hour: perHour, updated_at: now }))
    .execute();
}

/** Milliseconds between two slots under these caps; 0: no cap. */
export function slotSpacingMs(limits: SendingLimits): number {
  return Math.max(limits.perSecond > 0 ? 1000 / limits.perSecond : 0, limits.perHour > 0 ? 3_600_000 / limits.perHour : 0);
}

/** How late after its slot a message may still start; later, the slot is dropped. */
export function slotToleranceMs(spacingMs: number): number {
  return Math.max(spacingMs, LATE_SLOT_MS);
}

/**
 * The most messages that can start within any second (a window [t, t + 1 s)) at this spacing: each
 * starts in [slot, slot + tolerance] of a slot of its own, so their slots lie in [t − tolerance, t + 1 s).
 */
export function maxStartsPerSecond(spacingMs: number): number {
  return Math.ceil((1000 + slotToleranceMs(spacingMs)) / spacingMs);
}

/**
 * Reserves `count` consecutive slots `spacingMs` apart, none before `nowMs`, atomically across
 * processes (one UPDATE of one row: SQLite's writer lock, PostgreSQL's row lock); returns the
 * first slot's time. The row's value is only ever moved forward.
 */
export async function reserveSlots(db: Db, count: number, spacingMs: number, nowMs: number): Promise<number> {
  const span = Math.ceil(count * spacingMs);
  const row = await db
    .insertInto('newsletter_send_pace')
    .values({ id: PACE_ROW, next_slot_ms: nowMs + span })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        next_slot_ms: sql<number>`(case when newsletter_send_pace.next_slot_ms > ${nowMs} then newsletter_send_pace.next_slot_ms else ${nowMs} end) + ${span}`,
      }),
    )
    .returning('next_slot_ms')
    .executeTakeFirstOrThrow();
  return Number(row.next_slot_ms) - span;
}

export interface SendPacer {
  /** Resolves when the next message may start (at once when no cap is set), with that instant (ms since the epoch). */
  wait(): Promise<number>;
}

/**
 * A process's share of the cap: it reserves a few slots at a time (at most `batch`, at most a
 * second's worth) and hands them to its connections in order.
 */
export function createSendPacer(db: Db, options: { batch: number }): SendPacer {
  let slots: number[] = [];
  let spacing = 0;
  let uncappedUntil = 0;
  let refilling: Promise<void> | null = null;
  const refill = async () => {
    spacing = slotSpacingMs(await readSendingLimits(db));
    const now = Date.now();
    if (spacing === 0) {
      uncappedUntil = now + UNCAPPED_RECHECK_MS;
      return;
    }
    const count = Math.max(1, Math.min(options.batch, Math.floor(1000 / spacing)));
    const first = await reserveSlots(db, count, spacing, now);
    slots = Array.from({ length: count }, (_, i) => first + i * spacing);
  };
  return {
    async wait() {
      for (;;) {
        const slot = slots.shift();
        if (slot !== undefined) {
          // A timer may fire a millisecond early by the wall clock: never start before the slot.
          for (let early = slot - Date.now(); early > 0; early = slot - Date.now()) {
            await new Promise((resolve) => setTimeout(resolve, early));
          }
          const now = Date.now();
          // Missed (a stalled process, a slow reservation): starting now would crowd the next slot.
          if (now - slot > slotToleranceMs(spacing)) continue;
          return now;
        }
        if (Date.now() < uncappedUntil) return Date.now();
        refilling ??= refill().finally(() => {
          refilling = null;
        });
        await refilling;
      }
    },
  };
}
