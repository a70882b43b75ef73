import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { createAccountToken } from './account-tokens.ts';
import { countActiveUsers } from './user-repository.ts';

/**
 * The account row a setup link points at until the owner chooses their name and address.
 * `.invalid` is reserved (RFC 2606): no mail can ever go there.
 */
export const SETUP_PLACEHOLDER_EMAIL = 'proprietaire@installation.invalid';

/**
 * On a publication with no active account, makes a one-time setup link (24 h) for the first
 * owner and returns its URL; null once someone can sign in. Each start makes a new link
 * (only hashes are stored, so an earlier one cannot be shown again).
 */
export async function ensureSetupLink(ctx: Pick<AppContext, 'db' | 'config'>): Promise<string | null> {
  if ((await countActiveUsers(ctx.db)) > 0) return null;
  const userId = await setupPlaceholderUser(ctx.db);
  const token = await createAccountToken(ctx.db, userId, 'setup');
  return `${ctx.config.publicUrl}/admin/installation/${token}`;
}

// Insert-if-absent then read: two processes starting together share one placeholder.
async function setupPlaceholderUser(db: Db): Promise<number> {
  const now = new Date().toISOString();
  await db
    .insertInto('users')
    .values({
      email: SETUP_PLACEHOLDER_EMAIL,
      name: 'Propriétaire',
      role: 'administrateur',
      status: 'invited',
      person_id: null,
      password_hash: null,
      totp_secret: null,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  const row = await db.selectFrom('users').select('id').where('email', '=', SETUP_PLACEHOLDER_EMAIL).executeTakeFirstOrThrow();
  return row.id;
}

/** Prints the setup link, if one is needed, where the person starting the server sees it. */
export async function printSetupLink(
  ctx: Pick<AppContext, 'db' | 'config'>,
  write: (text: string) => void = (t) => process.stdout.write(t),
): Promise<string | null> {
  const url = await ensureSetupLink(ctx);
  if (url) write(`\nAucun compte n’existe encore. Créez le compte propriétaire (lien valable 24 h, utilisable une fois) :\n  ${url}\n\n`);
  return url;
}
