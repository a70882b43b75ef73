import type { Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// Job workers that are alive: each job runner registers and beats here, so the jobs of a worker
// that died (crash, kill -9) are taken back at once instead of when their lease runs out.
// Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = isPostgres(db) ? 'timestamptz' : 'text';
  await db.schema
    .createTable('job_workers')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('heartbeat_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_locked_by').ifNotExists().on('jobs').column('locked_by').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('jobs_locked_by').ifExists().execute();
  await db.schema.dropTable('job_workers').ifExists().execute();
}
