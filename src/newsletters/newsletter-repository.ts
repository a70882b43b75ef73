import { type Selectable, sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { NewsletterTable, SubscriptionStatus } from '../core/db/schema.ts';

export type NewsletterRow = Selectable<NewsletterTable>;

/** Newsletters readers may subscribe to, in the order the newsroom chose. */
export function listActiveNewsletters(db: Db): Promise<NewsletterRow[]> {
  return db.selectFrom('newsletters').selectAll().where('active', '=', 1).orderBy('position').orderBy('id').execute();
}

/** Newsletters whose sent editions are public (/newsletters/archives/…). */
export function listArchivedNewsletters(db: Db): Promise<NewsletterRow[]> {
  return db.selectFrom('newsletters').selectAll().where('public_archive', '=', 1).orderBy('position').orderBy('id').execute();
}

/** Every newsletter (back office). */
export function listAllNewsletters(db: Db): Promise<NewsletterRow[]> {
  return db.selectFrom('newsletters').selectAll().orderBy('position').orderBy('id').execute();
}

export function findNewsletter(db: Db, id: number): Promise<NewsletterRow | undefined> {
  return db.selectFrom('newsletters').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findNewsletterBySlug(db: Db, slug: string): Promise<NewsletterRow | undefined> {
  return db.selectFrom('newsletters').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** A reader's subscriptions, by newsletter id. */
export async function subscriptionsOf(db: Db, readerId: number): Promise<Map<number, SubscriptionStatus>> {
  const rows = await db
    .selectFrom('newsletter_subscriptions')
    .select(['newsletter_id', 'status'])
    .where('reader_id', '=', readerId)
    .execute();
  return new Map(rows.map((r) => [r.newsletter_id, r.status]));
}

/**
 * Subscribes a reader (insert, or reactivate a lapsed subscription with its new consent):
 * one statement per newsletter, safe when two confirmations race.
 */
export async function upsertSubscription(
  db: Db,
  input: { newsletterId: number; readerId: number; consentAt: string; source: string; now: string },
): Promise<void> {
  await db
    .insertInto('newsletter_subscriptions')
    .values({
      newsletter_id: input.newsletterId,
      reader_id: input.readerId,
      status: 'active',
      consent_at: input.consentAt,
      consent_source: input.source,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(['newsletter_id', 'reader_id']).doUpdateSet({
        status: 'active',
        consent_at: input.consentAt,
        consent_source: input.source,
        soft_bounces: 0,
        updated_at: input.now,
      }),
    )
    .execute();
}

/** Ends subscriptions (one newsletter, or all when newsletterId is null) with a status saying why. */
export async function endSubscriptions(
  db: Db,
  input: { readerId: number; newsletterId: number | null; status: Exclude<SubscriptionStatus, 'active'>; now: string },
): Promise<number> {
  let query = db
    .updateTable('newsletter_subscriptions')
    .set({ status: input.status, updated_at: input.now })
    .where('reader_id', '=', input.readerId)
    .where('status', '=', 'active');
  if (input.newsletterId !== null) query = query.where('newsletter_id', '=', input.newsletterId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Soft bounces an address may have before it is treated as bouncing: each is a message given up
 * after its retries (send-job.ts) or a provider's soft-bounce notice (bounce-routes.ts).
 */
export const SOFT_BOUNCE_LIMIT = 5;

/**
 * Counts a soft bounce on the reader's active subscriptions (one newsletter's, or all with null);
 * the one that reaches SOFT_BOUNCE_LIMIT ends them as bounced, in the same statement.
 */
export async function countSoftBounce(db: Db, input: { readerId: number; newsletterId: number | null; now: string }): Promise<void> {
  let query = db
    .updateTable('newsletter_subscriptions')
    .set((eb) => ({
      soft_bounces: eb('soft_bounces', '+', 1),
      status: eb
        .case()
        .when('soft_bounces', '>=', SOFT_BOUNCE_LIMIT - 1)
        .then(sql.lit<SubscriptionStatus>('bounced'))
        .else(eb.ref('status'))
        .end(),
      updated_at: input.now,
    }))
    .where('reader_id', '=', input.readerId)
    .where('status', '=', 'active');
  if (input.newsletterId !== null) query = query.where('newsletter_id', '=', input.newsletterId);
  await query.execute();
}
