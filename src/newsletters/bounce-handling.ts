import { z } from 'zod';
import type { Db } from '../core/db/database.ts';
import { countSoftBounce, endSubscriptions } from './newsletter-repository.ts';
import { parseReturnPath } from './newsletter-transport.ts';

/** What a provider or a bounce mailbox tells about one message: a bounce (hard or soft) or a complaint, by address or VERP tag. */
export const bounceNoticeSchema = z
  .object({
    type: z.enum(['bounce', 'complaint']),
    bounceType: z.enum(['hard', 'soft']).default('hard'),
    recipient: z.email().optional(),
    returnPath: z.string().max(320).optional(),
  })
  .refine((n) => n.recipient || n.returnPath, { message: 'recipient ou returnPath requis' });
export type BounceNotice = z.infer<typeof bounceNoticeSchema>;

/**
 * THE bounce rule, whether the notice came from the webhook or the bounce mailbox: the reader is
 * found by the VERP tag of the return path, else by address; a hard bounce or a complaint ends
 * every subscription of the address; a soft bounce is counted, and the SOFT_BOUNCE_LIMIT-th ends
 * them as bounced. An unknown reader changes nothing. Says whether a reader was found.
 */
export async function handleBounceNotice(db: Db, notice: BounceNotice): Promise<boolean> {
  const tagged = notice.returnPath ? parseReturnPath(notice.returnPath) : null;
  const reader = tagged
    ? await db.selectFrom('readers').select('id').where('id', '=', tagged.readerId).executeTakeFirst()
    : await db
        .selectFrom('readers')
        .select('id')
        .where('email', '=', (notice.recipient ?? '').toLowerCase())
        .executeTakeFirst();
  if (!reader) return false;
  const now = new Date().toISOString();
  if (notice.type === 'complaint') await endSubscriptions(db, { readerId: reader.id, newsletterId: null, status: 'complained', now });
  else if (notice.bounceType === 'hard') await endSubscriptions(db, { readerId: reader.id, newsletterId: null, status: 'bounced', now });
  else await countSoftBounce(db, { readerId: reader.id, newsletterId: null, now });
  return true;
}
