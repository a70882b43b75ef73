import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import { sendAccountPage } from './account-page.ts';
import { renderLoginForm, renderThrottledMessage } from './login-page.ts';
import { checkSignIn } from './own-account-operations.ts';
import { sessionOf } from './request-actor.ts';
import { safeNextPath } from './safe-next-path.ts';
import { createSession, deleteSession, deleteUserSessions, sessionCookieName, sessionCookieOptions } from './session-store.ts';
import { countActiveUsers, touchLastLogin } from './user-repository.ts';

const loginSchema = z.object({
  email: z.string().trim().min(1, 'Indiquez votre adresse électronique.').max(254, 'Cette adresse est trop longue.'),
  password: z.string().min(1, 'Indiquez votre mot de passe.').max(1000, 'Ce mot de passe est trop long.'),
  suite: z.string().optional(),
});

/** The one message for an unknown address, a wrong password or a disabled account: nothing to enumerate. */
export const LOGIN_FAILED = 'Adresse ou mot de passe incorrect.';

const LOGIN_NOTICES: Record<string, { kind: 'ok' | 'info'; text: string }> = {
  deconnecte: { kind: 'ok', text: 'Vous êtes déconnecté.' },
  'deconnecte-partout': { kind: 'ok', text: 'Vous êtes déconnecté de tous vos appareils.' },
  'mot-de-passe-change': { kind: 'ok', text: 'Votre mot de passe a été changé. Connectez-vous avec le nouveau.' },
};

// A fresh installation: point the person at the setup link rather than at a form nobody can use.
const NO_ACCOUNT_YET = {
  kind: 'info' as const,
  text: 'Aucun compte n’existe encore : ouvrez le lien d’installation affiché par le serveur à son démarrage pour créer le compte propriétaire.',
};

/** Starts a signed-in session for an account and sets its cookie (a new id each time: no fixation). */
export async function startSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  user: { id: number; totp_enabled: number },
): Promise<void> {
  const cookieName = sessionCookieName(ctx.config);
  const previous = request.cookies[cookieName];
  if (previous) await deleteSession(ctx.db, previous);
  const sessionId = await createSession(ctx.db, {
    userId: user.id,
    secondFactorDone: user.totp_enabled !== 1,
    ip: request.ip,
    userAgent: request.headers['user-agent'],
  });
  await touchLastLogin(ctx.db, user.id);
  reply.setCookie(cookieName, sessionId, sessionCookieOptions(ctx.config));
}

/** Sign in (GET form, POST e-mail and password), sign out, sign out everywhere. */
export function loginRoutes(app: FastifyInstance, ctx: AppContext): void {
  const cookieName = sessionCookieName(ctx.config);

  app.get('/admin/connexion', async (request, reply) => {
    const query = request.query as { suite?: unknown; etat?: unknown };
    const suite = safeNextPath(query.suite);
    if (request.actor) return reply.redirect(suite ?? '/admin', 303);
    let message = typeof query.etat === 'string' ? LOGIN_NOTICES[query.etat] : undefined;
    if (!message && (await countActiveUsers(ctx.db)) === 0) message = NO_ACCOUNT_YET;
    return sendAccountPage(ctx, request, reply, { title: 'Connexion', main: (csrf) => renderLoginForm(csrf, { suite, message }) });
  });

  app.post('/admin/connexion', { onRequest: app.csrfProtection }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const suite = safeNextPath(body.suite);
    const typedEmail = typeof body.email === 'string' ? body.email.slice(0, 254) : '';
    const parsed = loginSchema.safeParse(body);
    if (!parsed.success) {
      const errors = z.flattenError(parsed.error).fieldErrors;
      return sendAccountPage(ctx, request, reply, {
        title: 'Connexion',
        status: 422,
        main: (csrf) =>
          renderLoginForm(csrf, {
            suite,
            email: { value: typedEmail, error: errors.email?.[0] },
            password: { error: errors.password?.[0] },
            message: { kind: 'error', text: 'Le formulaire est incomplet.' },
          }),
      });
    }
    const signIn = await checkSignIn(ctx, { email: parsed.data.email, password: parsed.data.password, ip: request.ip });
    if (signIn.result === 'throttled') {
      reply.header('retry-after', '900');
      return sendAccountPage(ctx, request, reply, { title: 'Connexion bloquée', status: 429, main: () => renderThrottledMessage() });
    }
    if (signIn.result === 'wrong') {
      return sendAccountPage(ctx, request, reply, {
        title: 'Connexion',
        status: 401,
        main: (csrf) => renderLoginForm(csrf, { suite, email: { value: typedEmail }, message: { kind: 'error', text: LOGIN_FAILED } }),
      });
    }
    const { user } = signIn;
    await startSession(ctx, request, reply, user);
    if (user.totp_enabled === 1) return reply.redirect(`/admin/connexion/code${suite ? `?suite=${encodeURIComponent(suite)}` : ''}`, 303);
    return reply.redirect(suite ?? '/admin', 303);
  });

  // Works for a session still waiting for its TOTP code too (that person may want to give up).
  app.post('/admin/deconnexion', { onRequest: app.csrfProtection }, async (request, reply) => {
    const session = sessionOf(request);
    if (session) await deleteSession(ctx.db, session.sessionId);
    reply.clearCookie(cookieName, sessionCookieOptions(ctx.config));
    return reply.redirect('/admin/connexion?etat=deconnecte', 303);
  });

  app.post('/admin/deconnexion-partout', { onRequest: app.csrfProtection }, async (request, reply) => {
    const session = sessionOf(request);
    if (session) await deleteUserSessions(ctx.db, session.user.userId);
    reply.clearCookie(cookieName, sessionCookieOptions(ctx.config));
    return reply.redirect('/admin/connexion?etat=deconnecte-partout', 303);
  });
}
