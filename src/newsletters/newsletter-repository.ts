import { type Selectable, sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import { announceContentEvent, type SubscriberEventType } from '../core/events/content-events.ts';
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
 * Subscribes a reader (insert, or reactivate a lapsed subscription with its new consent), safe
 * when two confirmations race; a subscription that becomes active is announced. With
 * `keepActive`, an active subscription is left as it is (its consent date kept).
 */
export async function upsertSubscription(
  db: Db,
  input: { newsletterId: number; readerId: number; consentAt: string; source: string; now: string; keepActive?: boolean },
): Promise<void> {
  const before = await db
    .selectFrom('newsletter_subscriptions')
    .select('status')
    .where('newsletter_id', '=', input.newsletterId)
    .where('reader_id', '=', input.readerId)
    .executeTakeFirst();
  if (input.keepActive && before?.status === 'active') return;
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
  if (before?.status !== 'active') await announceSubscribers(db, 'subscriber.added', input.readerId, [input.newsletterId], input.now);
}

/**
 * Ends subscriptions (one newsletter, or all when newsletterId is null) with a status saying why,
 * and announces each one ended in the same transaction (its own when the caller has none).
 */
export async function endSubscriptions(
  db: Db,
  input: { readerId: number; newsletterId: number | null; status: Exclude<SubscriptionStatus, 'active'>; now: string },
): Promise<number> {
  const end = async (trx: Db) => {
    let query = trx
      .updateTable('newsletter_subscriptions')
      .set({ status: input.status, updated_at: input.now })
      .where('reader_id', '=', input.readerId)
      .where('status', '=', 'active');
    if (input.newsletterId !== null) query = query.where('newsletter_id', '=', input.newsletterId);
    const ended = await query.returning('newsletter_id').execute();
    await announceSubscribers(
      trx,
      'subscriber.removed',
      input.readerId,
      ended.map((r) => r.newsletter_id),
      input.now,
    );
    return ended.length;
  };
  return db.isTransaction ? end(db) : db.transaction().execute(end);
}

/**
 * Tells other tools (webhooks) that an address joined or left newsletters, with the change's
 * transaction when there is one. Imports of lists announce nothing: a list moved in is not news.
 */
async function announceSubscribers(db: Db, type: SubscriberEventType, readerId: number, newsletterIds: number[], at: string) {
  if (newsletterIds.length === 0) return;
  const [reader, newsletters] = await Promise.all([
    db.selectFrom('readers').select(['id', 'email']).where('id', '=', readerId).executeTakeFirst(),
    db.selectFrom('newsletters').select(['id', 'slug', 'name']).where('id', 'in', newsletterIds).execute(),
  ]);
  if (!reader) return;
  for (const newsletter of newsletters)
    await announceContentEvent(db, {
      type,
      subject: { type: 'subscriber', id: reader.id },
      occurredAt: at,
      data: { id: reader.id, email: reader.email, newsletter: { slug: newsletter.slug, name: newsletter.name }, at },
    });
}

/**
 * Soft bounces an address may have before it is treated as bouncing: each is a message given up
 * after its retries (send-job.ts) or a provider's soft-bounce notice (bounce-routes.ts).
 */
export const SOFT_BOUNCE_LIMIT = 5;

/**
 * Counts a soft bounce on the reader's active subscriptions (one newsletter's, or all with null);
 * the one that reaches SOFT_BOUNCE_LIMIT ends them as bounced, in the same statement, and that
 * end is announced like any other (in the same transaction).
 */
export async function countSoftBounce(db: Db, input: { readerId: number; newsletterId: number | null; now: string }): Promise<void> {
  const count = async (trx: Db) => {
    let query = trx
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
    const counted = await query.returning(['newsletter_id', 'status']).execute();
    const ended = counted.filter((r) => r.status === 'bounced').map((r) => r.newsletter_id);
    await announceSubscribers(trx, 'subscriber.removed', input.readerId, ended, input.now);
  };
  await (db.isTransaction ? count(db) : db.transaction().execute(count));
}
