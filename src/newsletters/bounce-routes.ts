import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { countSoftBounce, endSubscriptions } from './newsletter-repository.ts';
import { parseReturnPath } from './newsletter-transport.ts';

/** What a provider tells about one message: a bounce (hard or soft) or a complaint, by address or VERP tag. */
const notificationSchema = z
  .object({
    type: z.enum(['bounce', 'complaint']),
    bounceType: z.enum(['hard', 'soft']).default('hard'),
    recipient: z.email().optional(),
    returnPath: z.string().max(320).optional(),
  })
  .refine((n) => n.recipient || n.returnPath, { message: 'recipient ou returnPath requis' });

/** Whether the signature header is the HMAC-SHA256 of the raw body under the configured secret. */
export function bounceSignatureValid(secret: string, body: string, header: unknown): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(crypto.createHmac('sha256', secret).update(body).digest('hex'));
  const given = Buffer.from(header.slice(7));
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/**
 * POST /newsletters/rebonds: bounce and complaint notifications from the sending provider, signed
 * (`X-Kiosque-Signature: sha256=<HMAC of the body>` with NEWSLETTER_WEBHOOK_SECRET). A hard bounce
 * or a complaint ends every subscription of the address; a soft bounce is counted, and the
 * SOFT_BOUNCE_LIMIT-th ends them as bounced. Without a secret configured the endpoint does not
 * exist (404).
 */
export function bounceRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.register(async (scope) => {
    // The signature covers the exact bytes: the body is read as text, then parsed here.
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => done(null, body));
    scope.post('/newsletters/rebonds', async (request, reply) => {
      const secret = ctx.config.newsletterMail.webhookSecret;
      if (!secret) throw AppError.notFound();
      const raw = typeof request.body === 'string' ? request.body : '';
      if (!bounceSignatureValid(secret, raw, request.headers['x-kiosque-signature']))
        throw new AppError('unauthorized', 401, 'Signature absente ou invalide.');
      let parsed: z.infer<typeof notificationSchema>;
      try {
        parsed = notificationSchema.parse(JSON.parse(raw));
      } catch {
        throw AppError.invalid('Notification illisible.', [
          { path: '', message: 'Notification illisible : type, et recipient ou returnPath, sont attendus.' },
        ]);
      }
      const tagged = parsed.returnPath ? parseReturnPath(parsed.returnPath) : null;
      const reader = tagged
        ? await ctx.db.selectFrom('readers').select('id').where('id', '=', tagged.readerId).executeTakeFirst()
        : await ctx.db
            .selectFrom('readers')
            .select('id')
            .where('email', '=', (parsed.recipient ?? '').toLowerCase())
            .executeTakeFirst();
      if (reader) {
        const now = new Date().toISOString();
        if (parsed.type === 'complaint')
          await endSubscriptions(ctx.db, { readerId: reader.id, newsletterId: null, status: 'complained', now });
        else if (parsed.bounceType === 'hard')
          await endSubscriptions(ctx.db, { readerId: reader.id, newsletterId: null, status: 'bounced', now });
        else await countSoftBounce(ctx.db, { readerId: reader.id, newsletterId: null, now });
      }
      // The same answer whether the address was known: the provider needs no more.
      return reply.code(204).send();
    });
  });
}
