import type { Db } from '../core/db/database.ts';

/**
 * The staff account a reader identity belongs to: an active back-office user with the same
 * e-mail. Reader e-mails are proven by the magic link (and confirmed on change), so only whoever
 * reads that mailbox can hold the link; signing into the back office plays no part.
 */
export async function staffAccountOfReader(db: Db, readerEmail: string) {
  return db
    .selectFrom('users')
    .leftJoin('people', 'people.id', 'users.person_id')
    .select(['users.id', 'users.name', 'users.role', 'users.person_id', 'people.name as person_name', 'people.role_line'])
    .where('users.email', '=', readerEmail.toLowerCase())
    .where('users.status', '=', 'active')
    .executeTakeFirst();
}
