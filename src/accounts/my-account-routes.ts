import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { sendAccountPage } from './account-page.ts';
import { actorOf, requireActor } from './guards.ts';
import { renderThrottledMessage } from './login-page.ts';
import { type MyAccountState, renderMyAccountPage } from './my-account-page.ts';
import {
  changeOwnPassword,
  disableSecondFactor,
  enableSecondFactor,
  type RequestOrigin,
  renameOwnAccount,
  startSecondFactorSetup,
} from './own-account-operations.ts';
import { accountNameSchema, parsePasswordForm } from './password-form.ts';
import { sessionOf } from './request-actor.ts';
import { totpUri } from './totp.ts';
import { findUserById, type UserRow } from './user-repository.ts';

const NOTICES: Record<string, string> = {
  nom: 'Votre nom a été changé.',
  'mot-de-passe': 'Votre mot de passe a été changé ; vos autres appareils sont déconnectés.',
  'double-authentification': 'La double authentification est activée ; vos autres appareils sont déconnectés.',
  'double-authentification-desactivee': 'La double authentification est désactivée.',
};

const NOT_YOUR_PASSWORD = 'Ce n’est pas votre mot de passe actuel.';

/** "Mon compte" (/admin/compte), for every signed-in person: password, TOTP second factor, sessions. */
export function myAccountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const signedIn = requireActor();
  const post = { onRequest: app.csrfProtection, preHandler: signedIn };

  const originOf = (request: FastifyRequest): RequestOrigin => ({ ip: request.ip, sessionIdHash: sessionOf(request)?.user.idHash ?? null });

  async function page(request: FastifyRequest, reply: FastifyReply, state: MyAccountState = {}, status = 200) {
    const user = await findUserById(ctx.db, actorOf(request).userId!);
    if (!user) return reply.redirect('/admin/connexion', 303);
    return sendAccountPage(ctx, request, reply, { title: 'Mon compte', status, main: (csrf) => renderMyAccountPage(csrf, user, state) });
  }

  // The current-password checks share the sign-in limits: too many failures, and the page says so.
  function throttled(reply: FastifyReply, request: FastifyRequest) {
    reply.header('retry-after', '900');
    return sendAccountPage(ctx, request, reply, { title: 'Vérification bloquée', status: 429, main: () => renderThrottledMessage() });
  }

  async function totpSetupState(user: UserRow, code?: { error?: string }): Promise<MyAccountState['totpSetup']> {
    const { settings } = await loadSiteChrome(ctx.db);
    const secret = user.totp_secret ?? '';
    return { secret, uri: totpUri(secret, user.email, settings.name), code };
  }

  app.get('/admin/compte', { preHandler: signedIn }, async (request, reply) => {
    const etat = (request.query as { etat?: unknown }).etat;
    const text = typeof etat === 'string' ? NOTICES[etat] : undefined;
    return page(request, reply, text ? { message: { kind: 'ok', text } } : {});
  });

  app.post('/admin/compte/nom', post, async (request, reply) => {
    const parsed = accountNameSchema.safeParse((request.body as { name?: unknown } | undefined)?.name);
    if (!parsed.success) {
      const typed = (request.body as { name?: unknown } | undefined)?.name;
      return page(
        request,
        reply,
        {
          message: { kind: 'error', text: 'Le nom n’a pas été changé : corrigez le champ signalé.' },
          name: { value: typeof typed === 'string' ? typed.slice(0, 200) : '', error: parsed.error.issues[0].message },
        },
        422,
      );
    }
    await renameOwnAccount(ctx, actorOf(request), parsed.data);
    return reply.redirect('/admin/compte?etat=nom', 303);
  });

  app.post('/admin/compte/mot-de-passe', post, async (request, reply) => {
    const current = (request.body as { current?: unknown } | undefined)?.current;
    const parsed = parsePasswordForm(request.body, { name: false, email: false });
    const result =
      typeof current !== 'string' || current === ''
        ? 'wrong'
        : parsed.ok
          ? await changeOwnPassword(ctx, actorOf(request), { current, password: parsed.password }, originOf(request))
          : 'unchecked';
    if (result === 'ok') return reply.redirect('/admin/compte?etat=mot-de-passe', 303);
    if (result === 'throttled') return throttled(reply, request);
    const state = parsed.ok ? {} : parsed.state;
    return page(
      request,
      reply,
      {
        message: { kind: 'error', text: 'Le mot de passe n’a pas été changé : corrigez les champs signalés.' },
        password: {
          current: result === 'wrong' ? { error: NOT_YOUR_PASSWORD } : {},
          password: state.password,
          confirmation: state.confirmation,
        },
      },
      422,
    );
  });

  // Step 1: a new secret is stored (not yet enabled) and shown; step 2 enables it with a valid code.
  app.post('/admin/compte/double-authentification', post, async (request, reply) => {
    const user = await startSecondFactorSetup(ctx, actorOf(request));
    if (user.totp_enabled) return reply.redirect('/admin/compte', 303);
    return page(request, reply, { totpSetup: await totpSetupState(user) });
  });

  app.post('/admin/compte/double-authentification/activer', post, async (request, reply) => {
    const code = (request.body as { code?: unknown } | undefined)?.code;
    const ok = typeof code === 'string' && (await enableSecondFactor(ctx, actorOf(request), code.slice(0, 20), originOf(request)));
    if (ok) return reply.redirect('/admin/compte?etat=double-authentification', 303);
    const user = (await findUserById(ctx.db, actorOf(request).userId!))!;
    const setup = await totpSetupState(user, {
      error: 'Ce code ne correspond pas : vérifiez la clé saisie dans l’application et l’heure du téléphone.',
    });
    return page(request, reply, { totpSetup: setup }, 422);
  });

  app.post('/admin/compte/double-authentification/desactiver', post, async (request, reply) => {
    const current = (request.body as { current?: unknown } | undefined)?.current;
    const result =
      typeof current === 'string' && current !== ''
        ? await disableSecondFactor(ctx, actorOf(request), current, originOf(request))
        : 'wrong';
    if (result === 'ok') return reply.redirect('/admin/compte?etat=double-authentification-desactivee', 303);
    if (result === 'throttled') return throttled(reply, request);
    return page(request, reply, { totpDisable: { current: { error: NOT_YOUR_PASSWORD } } }, 422);
  });
}
