import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { type BounceNotice, bounceNoticeSchema, handleBounceNotice } from './bounce-handling.ts';

/** Whether the signature header is the HMAC-SHA256 of the raw body under the configured secret. */
export function bounceSignatureValid(secret: string, body: string, header: unknown): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(crypto.createHmac('sha256', secret).update(body).digest('hex'));
  const given = Buffer.from(header.slice(7));
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/**
 * POST /newsletters/rebonds: bounce and complaint notifications from the sending provider, signed
 * (`X-Kiosque-Signature: sha256=<HMAC of the body>` with NEWSLETTER_WEBHOOK_SECRET), handled by
 * the one bounce rule (bounce-handling.ts). Without a secret configured the endpoint does not
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
      let parsed: BounceNotice;
      try {
        parsed = bounceNoticeSchema.parse(JSON.parse(raw));
      } catch {
        throw AppError.invalid('Notification illisible.', [
          { path: '', message: 'Notification illisible : type, et recipient ou returnPath, sont attendus.' },
        ]);
      }
      await handleBounceNotice(ctx.db, parsed);
      // The same answer whether the address was known: the provider needs no more.
      return reply.code(204).send();
    });
  });
}
