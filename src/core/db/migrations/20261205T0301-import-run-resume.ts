import type { Kysely } from 'kysely';

// The step a cancelled or failed back-office import stopped in (checking, checked, importing), so
// "Reprendre" brings it back there; null when it cannot resume (a broken file). Immutable once
// merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('import_runs').addColumn('resume_status', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('import_runs').dropColumn('resume_status').execute();
}
