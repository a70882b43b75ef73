import type { Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// Newsletters: how far the bounce mailbox (IMAP) has been read, per mailbox: the mailbox's
// UIDVALIDITY and the highest UID handled, moved in the same transaction as each message's effect,
// so a restart reads on from there and never handles a message twice. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('newsletter_bounce_mailbox')
    .ifNotExists()
    .addColumn('mailbox', 'text', (c) => c.primaryKey())
    .addColumn('uid_validity', 'bigint', (c) => c.notNull())
    .addColumn('last_uid', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', isPostgres(db) ? 'timestamptz' : 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('newsletter_bounce_mailbox').ifExists().execute();
}
