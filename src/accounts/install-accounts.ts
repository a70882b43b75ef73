import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { getOrCreateAppSecret } from './app-secret.ts';
import { CSRF_REFUSED, installCsrf, isBearerApiRequest } from './csrf.ts';
import { installActorHook, SIGNED_IN_AREA } from './request-actor.ts';
import { isCrossSiteRequest, isStateChanging } from './request-origin.ts';
import { printSetupLink } from './setup-link.ts';

/** Back-office forms are short text; the editor and uploads use their own limits (JSON, multipart). */
export const FORM_BODY_LIMIT = 512 * 1024;

/**
 * Accounts infrastructure for every later route: cookies (signed with a secret kept in the
 * database), urlencoded forms, CSRF protection, `request.actor` for the signed-in areas, a
 * cross-site refusal for their state-changing requests, and the first-owner setup link at start.
 */
export async function installAccounts(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.decorateRequest('actor', null);
  // Read once at boot; two processes starting together agree on one secret (insert-if-absent).
  const cookieSecret = await getOrCreateAppSecret(ctx.db, 'cookie_secret');
  await app.register(fastifyCookie, { secret: cookieSecret });
  await app.register(fastifyFormbody, { bodyLimit: FORM_BODY_LIMIT });
  await installCsrf(app, ctx.config);

  // Browsers say where a request comes from: another site may not post to the back office at all.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!isStateChanging(request.method) || !SIGNED_IN_AREA.test(request.url) || isBearerApiRequest(request)) return done();
    if (isCrossSiteRequest(request, ctx.config.publicUrl))
      return done(new AppError('forbidden', 403, CSRF_REFUSED, { details: { reason: 'cross-site' } }));
    done();
  });
  installActorHook(app, ctx);

  // Tests make many apps on empty databases: they ask for the link themselves.
  if (ctx.config.env !== 'test') app.addHook('onReady', async () => void (await printSetupLink(ctx)));
}
