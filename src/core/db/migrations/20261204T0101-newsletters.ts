import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../migration-helpers.ts';

// Newsletters: the lists, readers' subscriptions (the subscriber is a reader), pending double
// opt-in confirmations, suppressed addresses (keyed hashes only), editions and the send log keyed
// by (edition, reader) that makes sending exactly-once per recipient. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const ts = pg ? 'timestamptz' : 'text';

  await idColumn(db, db.schema.createTable('newsletters').ifNotExists(), pg)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cadence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sender_name', 'text', (c) => c.notNull())
    .addColumn('sender_email', 'text', (c) => c.notNull())
    .addColumn('reply_to', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recipe', 'text', (c) => c.notNull())
    .addColumn('send_hour', 'integer')
    .addColumn('needs_approval', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('public_archive', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('newsletter_subscriptions').ifNotExists(), pg)
    .addColumn('newsletter_id', 'integer', (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
    .addColumn('reader_id', 'integer', (c) => c.notNull().references('readers.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('consent_at', ts, (c) => c.notNull())
    .addColumn('consent_source', 'text', (c) => c.notNull())
    .addColumn('soft_bounces', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('newsletter_subscriptions_pair', ['newsletter_id', 'reader_id'])
    .execute();
  await db.schema.createIndex('newsletter_subscriptions_reader').ifNotExists().on('newsletter_subscriptions').column('reader_id').execute();

  await idColumn(db, db.schema.createTable('newsletter_confirmations').ifNotExists(), pg)
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('newsletter_ids', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .execute();

  await db.schema
    .createTable('newsletter_suppressions')
    .ifNotExists()
    .addColumn('email_hash', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('newsletter_editions').ifNotExists(), pg)
    .addColumn('newsletter_id', 'integer', (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('blocks', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', ts)
    .addColumn('approved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('started_at', ts)
    .addColumn('sent_at', ts)
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('newsletter_editions_newsletter')
    .ifNotExists()
    .on('newsletter_editions')
    .columns(['newsletter_id', 'status', 'sent_at'])
    .execute();

  // The send log: one row per (edition, reader), claimed atomically before its message is sent.
  await db.schema
    .createTable('newsletter_sends')
    .ifNotExists()
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('newsletter_editions.id').onDelete('cascade'))
    .addColumn('reader_id', 'integer', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('worker', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('in_doubt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', ts)
    .addColumn('sent_at', ts)
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('newsletter_sends_pk', ['edition_id', 'reader_id'])
    .execute();
  await db.schema
    .createIndex('newsletter_sends_status')
    .ifNotExists()
    .on('newsletter_sends')
    .columns(['edition_id', 'status', 'reader_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'newsletter_sends',
    'newsletter_editions',
    'newsletter_suppressions',
    'newsletter_confirmations',
    'newsletter_subscriptions',
    'newsletters',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
