import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { sendAccountPage } from './account-page.ts';
import { renderThrottledMessage, renderTotpForm } from './login-page.ts';
import { isLoginThrottled, recordLoginAttempt } from './login-throttle.ts';
import { sessionOf } from './request-actor.ts';
import { safeNextPath } from './safe-next-path.ts';
import { markSecondFactorDone } from './session-store.ts';
import { consumeTotpCode } from './totp.ts';
import { findUserById } from './user-repository.ts';

/** The sign-in step after the password for accounts with TOTP (/admin/connexion/code). Wrong codes count as failed sign-ins. */
export function secondFactorRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin/connexion/code', async (request, reply) => {
    const session = sessionOf(request);
    const suite = safeNextPath((request.query as { suite?: unknown }).suite);
    if (!session) return reply.redirect('/admin/connexion', 303);
    if (request.actor) return reply.redirect(suite ?? '/admin', 303);
    return sendAccountPage(ctx, request, reply, { title: 'Code de vérification', main: (csrf) => renderTotpForm(csrf, { suite }) });
  });

  app.post('/admin/connexion/code', { onRequest: app.csrfProtection }, async (request, reply) => {
    const session = sessionOf(request);
    const body = (request.body ?? {}) as { code?: unknown; suite?: unknown };
    const suite = safeNextPath(body.suite);
    if (!session) return reply.redirect('/admin/connexion', 303);
    if (request.actor) return reply.redirect(suite ?? '/admin', 303);
    const user = await findUserById(ctx.db, session.user.userId);
    if (!user?.totp_secret) return reply.redirect('/admin/connexion', 303);
    if (await isLoginThrottled(ctx.db, { account: user.email, ip: request.ip })) {
      reply.header('retry-after', '900');
      return sendAccountPage(ctx, request, reply, { title: 'Connexion bloquée', status: 429, main: () => renderThrottledMessage() });
    }
    const code = typeof body.code === 'string' ? body.code.slice(0, 20) : '';
    // A code works once: replaying one seen on a shoulder or in a log within its 30 s is refused.
    const ok = await consumeTotpCode(ctx.db, user, code);
    await recordLoginAttempt(ctx.db, { account: user.email, ip: request.ip, succeeded: ok });
    if (!ok) {
      return sendAccountPage(ctx, request, reply, {
        title: 'Code de vérification',
        status: 401,
        main: (csrf) =>
          renderTotpForm(csrf, {
            suite,
            code: { error: 'Ce code n’est pas le bon, ou il a expiré : saisissez le code affiché maintenant.' },
          }),
      });
    }
    await markSecondFactorDone(ctx.db, session.user.idHash);
    return reply.redirect(suite ?? '/admin', 303);
  });
}
