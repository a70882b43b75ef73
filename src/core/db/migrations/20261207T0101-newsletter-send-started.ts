import type { Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// Newsletters: when each message of the send log was handed to the SMTP server (its last attempt),
// written by the same statement that records its outcome. With `sent_at` (the server's reply) it
// shows how long the server took, and the starts show the sending cap was kept (send-pace.ts).
// Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('newsletter_sends')
    .addColumn('started_at', isPostgres(db) ? 'timestamptz' : 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('newsletter_sends').dropColumn('started_at').execute();
}
