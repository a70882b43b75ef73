import type { Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// Idempotency-Key of the admin API: the first response to a (user, key) is kept 24 h and sent
// again to a retry, which then creates nothing. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = isPostgres(db) ? 'timestamptz' : 'text';
  await db.schema
    .createTable('idempotency_keys')
    .ifNotExists()
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    // Null while the first request runs.
    .addColumn('status', 'integer')
    .addColumn('location', 'text')
    .addColumn('body', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created').ifNotExists().on('idempotency_keys').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').ifExists().execute();
}
