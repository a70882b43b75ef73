import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { sendAccountPage } from './account-page.ts';
import { actorOf, requireActor } from './guards.ts';
import { type MyAccountState, renderMyAccountPage } from './my-account-page.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { parsePasswordForm } from './password-form.ts';
import { sessionOf } from './request-actor.ts';
import { hashSecretToken } from './secret-token.ts';
import { consumeTotpCode, newTotpSecret, totpUri } from './totp.ts';
import { findUserById } from './user-repository.ts';

const NOTICES: Record<string, string> = {
  'mot-de-passe': 'Votre mot de passe a été changé ; vos autres appareils sont déconnectés.',
  'double-authentification': 'La double authentification est activée.',
  'double-authentification-desactivee': 'La double authentification est désactivée.',
};

/** "Mon compte" (/admin/compte), for every signed-in person: password, TOTP second factor, sessions. */
export function myAccountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const signedIn = requireActor();
  const post = { onRequest: app.csrfProtection, preHandler: signedIn };

  async function page(request: FastifyRequest, reply: FastifyReply, state: MyAccountState = {}, status = 200) {
    const user = await findUserById(ctx.db, actorOf(request).userId!);
    if (!user) return reply.redirect('/admin/connexion', 303);
    return sendAccountPage(ctx, request, reply, { title: 'Mon compte', status, main: (csrf) => renderMyAccountPage(csrf, user, state) });
  }

  async function totpSetupState(userId: number, email: string, code?: { error?: string }): Promise<MyAccountState['totpSetup']> {
    const user = await findUserById(ctx.db, userId);
    const { settings } = await loadSiteChrome(ctx.db);
    const secret = user?.totp_secret ?? '';
    return { secret, uri: totpUri(secret, email, settings.name), code };
  }

  app.get('/admin/compte', { preHandler: signedIn }, async (request, reply) => {
    const etat = (request.query as { etat?: unknown }).etat;
    const text = typeof etat === 'string' ? NOTICES[etat] : undefined;
    return page(request, reply, text ? { message: { kind: 'ok', text } } : {});
  });

  app.post('/admin/compte/mot-de-passe', post, async (request, reply) => {
    const user = (await findUserById(ctx.db, actorOf(request).userId!))!;
    const body = (request.body ?? {}) as { current?: unknown };
    const parsed = parsePasswordForm(request.body, { name: false, email: false });
    const currentOk =
      typeof body.current === 'string' && user.password_hash !== null && (await verifyPassword(body.current, user.password_hash));
    if (!parsed.ok || !currentOk) {
      const state = parsed.ok ? {} : parsed.state;
      return page(
        request,
        reply,
        {
          message: { kind: 'error', text: 'Le mot de passe n’a pas été changé : corrigez les champs signalés.' },
          password: {
            current: currentOk ? {} : { error: 'Ce n’est pas votre mot de passe actuel.' },
            password: state.password,
            confirmation: state.confirmation,
          },
        },
        422,
      );
    }
    await ctx.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(parsed.password), updated_at: new Date().toISOString() })
      .where('id', '=', user.id)
      .execute();
    // Other devices are signed out; this one stays.
    const current = sessionOf(request);
    let others = ctx.db.deleteFrom('sessions').where('user_id', '=', user.id);
    if (current) others = others.where('id_hash', '!=', hashSecretToken(current.sessionId));
    await others.execute();
    return reply.redirect('/admin/compte?etat=mot-de-passe', 303);
  });

  // Step 1: a new secret is stored (not yet enabled) and shown; step 2 enables it with a valid code.
  app.post('/admin/compte/double-authentification', post, async (request, reply) => {
    const actor = actorOf(request);
    const user = (await findUserById(ctx.db, actor.userId!))!;
    if (user.totp_enabled) return reply.redirect('/admin/compte', 303);
    await ctx.db
      .updateTable('users')
      .set({ totp_secret: newTotpSecret(), updated_at: new Date().toISOString() })
      .where('id', '=', user.id)
      .execute();
    return page(request, reply, { totpSetup: await totpSetupState(user.id, user.email) });
  });

  app.post('/admin/compte/double-authentification/activer', post, async (request, reply) => {
    const user = (await findUserById(ctx.db, actorOf(request).userId!))!;
    if (user.totp_enabled || !user.totp_secret) return reply.redirect('/admin/compte', 303);
    const code = (request.body as { code?: unknown } | undefined)?.code;
    if (typeof code !== 'string' || !(await consumeTotpCode(ctx.db, user, code))) {
      const setup = await totpSetupState(user.id, user.email, {
        error: 'Ce code ne correspond pas : vérifiez la clé saisie dans l’application et l’heure du téléphone.',
      });
      return page(request, reply, { totpSetup: setup }, 422);
    }
    await ctx.db.updateTable('users').set({ totp_enabled: 1, updated_at: new Date().toISOString() }).where('id', '=', user.id).execute();
    // The person just proved they hold the code: this session counts as verified.
    const session = sessionOf(request);
    if (session) await ctx.db.updateTable('sessions').set({ second_factor_done: 1 }).where('id_hash', '=', session.user.idHash).execute();
    return reply.redirect('/admin/compte?etat=double-authentification', 303);
  });

  app.post('/admin/compte/double-authentification/desactiver', post, async (request, reply) => {
    const user = (await findUserById(ctx.db, actorOf(request).userId!))!;
    const current = (request.body as { current?: unknown } | undefined)?.current;
    const ok = typeof current === 'string' && user.password_hash !== null && (await verifyPassword(current, user.password_hash));
    if (!ok) return page(request, reply, { totpDisable: { current: { error: 'Ce n’est pas votre mot de passe actuel.' } } }, 422);
    await ctx.db
      .updateTable('users')
      .set({ totp_enabled: 0, totp_secret: null, updated_at: new Date().toISOString() })
      .where('id', '=', user.id)
      .execute();
    return reply.redirect('/admin/compte?etat=double-authentification-desactivee', 303);
  });
}
