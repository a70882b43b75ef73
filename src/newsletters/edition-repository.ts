import type { Selectable } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { EditionStatus, NewsletterEditionTable } from '../core/db/schema.ts';
import type { EditionBlock } from './edition-blocks.ts';

export type EditionRow = Selectable<NewsletterEditionTable>;

/** Stores a new edition. */
export async function insertEdition(
  db: Db,
  input: {
    newsletterId: number;
    subject: string;
    intro?: string;
    blocks: EditionBlock[];
    status: EditionStatus;
    createdBy: number | null;
    scheduledAt?: string | null;
  },
): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('newsletter_editions')
    .values({
      newsletter_id: input.newsletterId,
      subject: input.subject,
      intro: input.intro ?? '',
      blocks: JSON.stringify(input.blocks),
      status: input.status,
      scheduled_at: input.scheduledAt ?? null,
      approved_by: null,
      created_by: input.createdBy,
      started_at: null,
      sent_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findEdition(db: Db, id: number): Promise<EditionRow | undefined> {
  return db.selectFrom('newsletter_editions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A newsletter's editions, newest first. */
export function listEditions(db: Db, newsletterId: number, limit = 50): Promise<EditionRow[]> {
  return db
    .selectFrom('newsletter_editions')
    .selectAll()
    .where('newsletter_id', '=', newsletterId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** A newsletter's sent editions, newest first (its public archive). */
export function listSentEditions(db: Db, newsletterId: number, limit = 200): Promise<EditionRow[]> {
  return db
    .selectFrom('newsletter_editions')
    .selectAll()
    .where('newsletter_id', '=', newsletterId)
    .where('status', '=', 'sent')
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
