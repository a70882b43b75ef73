import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../migration-helpers.ts';

// Reader accounts (commenters): magic-link tokens, their own sessions, rate-limit events,
// used proof-of-work challenges, and editable moderation lists (disposable domains, words).
// Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const ts = pg ? 'timestamptz' : 'text';

  await idColumn(db, db.schema.createTable('readers').ifNotExists(), pg)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
    // The folded form of the name (accents, case, look-alikes): unique, so "Élodie" and "elodie" cannot both exist.
    .addColumn('name_key', 'text', (c) => c.unique())
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('suspended_until', ts)
    .addColumn('sanction_message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notify_replies', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('reader_tokens').ifNotExists(), pg)
    .addColumn('reader_id', 'integer', (c) => c.references('readers.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .execute();

  await db.schema
    .createTable('reader_sessions')
    .ifNotExists()
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('reader_id', 'integer', (c) => c.notNull().references('readers.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reader_sessions_reader').ifNotExists().on('reader_sessions').column('reader_id').execute();

  await idColumn(db, db.schema.createTable('rate_events').ifNotExists(), pg)
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_events_bucket').ifNotExists().on('rate_events').columns(['bucket', 'created_at']).execute();

  await db.schema
    .createTable('used_challenges')
    .ifNotExists()
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('moderation_lists')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('entries', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['moderation_lists', 'used_challenges', 'rate_events', 'reader_sessions', 'reader_tokens', 'readers'])
    await db.schema.dropTable(table).ifExists().execute();
}
