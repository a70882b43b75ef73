import type { Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// Newsletters: the sending cap every process honours (messages per second and per hour, 0: none),
// set in the back office, and the next free sending slot (ms since the epoch) the processes
// reserve from atomically. One row (id 1), written when first needed. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('newsletter_send_pace')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('per_second', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('per_hour', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_slot_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', isPostgres(db) ? 'timestamptz' : 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('newsletter_send_pace').execute();
}
