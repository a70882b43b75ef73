import type { Kysely } from 'kysely';

// The last TOTP time step a user signed in with: a code is accepted once only (RFC 6238 §5.2).
// Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
}
