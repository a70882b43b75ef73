import type { AppContext } from '../core/app-context.ts';
import type { Role } from '../core/db/schema.ts';
import { SYSTEM_ACTOR } from './policy.ts';
import { inviteUser } from './user-operations.ts';

/**
 * `npm run kiosque -- user:create`: makes an account waiting for its owner and returns the
 * single-use link (7 days) where that person chooses their password. Never a default password.
 * Running it again for an account not yet activated gives a new link (the old one stops working).
 */
export async function createUserFromCli(
  ctx: Pick<AppContext, 'db' | 'config'>,
  input: { email: string; name?: string; role: Role },
): Promise<{ userId: number; setupUrl: string }> {
  const { userId, url } = await inviteUser(ctx, { ...SYSTEM_ACTOR, name: 'ligne de commande' }, input);
  return { userId, setupUrl: url };
}
