import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { csrfField, inputField, notice, sendAccountPage } from './account-page.ts';
import { sendPasswordResetMail } from './account-mail.ts';
import { consumeAccountToken, createAccountToken, peekAccountToken, revokeAccountTokens } from './account-tokens.ts';
import { hashPassword } from './password-hash.ts';
import { parsePasswordForm, type PasswordFormState, renderDeadLink, renderPasswordForm } from './password-form.ts';
import { deleteUserSessions } from './session-store.ts';
import { findUserByEmail, findUserById } from './user-repository.ts';

/** At most this many reset mails per account per hour: the form cannot be used to flood a mailbox. */
export const RESET_MAILS_PER_HOUR = 3;

/** The answer to every reset request, whether the address has an account or not. */
export const RESET_REQUESTED =
  'Si un compte existe pour cette adresse, un message vient de lui être envoyé avec un lien valable une heure.';

const requestSchema = z.object({ email: z.string().trim().max(254).pipe(z.email('Cette adresse électronique n’est pas valide.')) });

function renderRequestForm(csrf: string, state: { email?: string; error?: string; sent?: boolean }): string {
  return html`<div class="account-box"><h1>Mot de passe oublié</h1>!${state.sent ? notice('ok', RESET_REQUESTED) : ''}<p>Indiquez l’adresse de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p><form method="post" action="/admin/mot-de-passe-oublie" class="account-form" novalidate>!${csrfField(csrf)}!${inputField(
    {
      name: 'email',
      label: 'Adresse électronique',
      type: 'email',
      state: { value: state.email, error: state.error },
      autocomplete: 'username',
      required: true,
      maxLength: 254,
    },
  )}<div class="button-row"><button type="submit" class="button">Envoyer le lien</button><a href="/admin/connexion">Retour à la connexion</a></div></form></div>`;
}

/** "Mot de passe oublié ?": request a link by e-mail, then choose a new password; every session ends. */
export function passwordResetRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin/mot-de-passe-oublie', async (request, reply) =>
    sendAccountPage(ctx, request, reply, { title: 'Mot de passe oublié', main: (csrf) => renderRequestForm(csrf, {}) }),
  );

  app.post('/admin/mot-de-passe-oublie', { onRequest: app.csrfProtection }, async (request, reply) => {
    const typed =
      typeof (request.body as { email?: unknown })?.email === 'string'
        ? String((request.body as { email: string }).email).slice(0, 254)
        : '';
    const parsed = requestSchema.safeParse(request.body);
    if (!parsed.success) {
      return sendAccountPage(ctx, request, reply, {
        title: 'Mot de passe oublié',
        status: 422,
        main: (csrf) => renderRequestForm(csrf, { email: typed, error: parsed.error.issues[0].message }),
      });
    }
    const user = await findUserByEmail(ctx.db, parsed.data.email);
    if (user && user.status === 'active') {
      const hourAgo = new Date(Date.now() - 3600_000).toISOString();
      const recent = await ctx.db
        .selectFrom('account_tokens')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', user.id)
        .where('purpose', '=', 'password_reset')
        .where('created_at', '>', hourAgo)
        .executeTakeFirstOrThrow();
      if (Number(recent.n) < RESET_MAILS_PER_HOUR) {
        const token = await createAccountToken(ctx.db, user.id, 'password_reset');
        try {
          await sendPasswordResetMail(ctx, { to: user.email, url: `${ctx.config.publicUrl}/admin/mot-de-passe/${token}` });
        } catch (error) {
          // Same answer as ever (no hint that the address exists); the operator sees the failure.
          request.log.error({ err: error }, 'password reset mail failed');
        }
      }
    }
    return sendAccountPage(ctx, request, reply, { title: 'Mot de passe oublié', main: (csrf) => renderRequestForm(csrf, { sent: true }) });
  });

  const form = (token: string, email: string, state?: PasswordFormState) => (csrf: string) =>
    renderPasswordForm(csrf, {
      title: 'Nouveau mot de passe',
      intro: 'Choisissez votre nouveau mot de passe. Vous serez déconnecté de tous vos appareils.',
      action: `/admin/mot-de-passe/${token}`,
      submit: 'Changer le mot de passe',
      wants: { name: false, email: false },
      fixedEmail: email,
      state,
    });
  const dead = { title: 'Lien expiré', status: 410, privateUrl: true, main: () => renderDeadLink('de changement de mot de passe') };

  async function resettable(token: string) {
    const userId = await peekAccountToken(ctx.db, token, 'password_reset');
    const user = userId === null ? undefined : await findUserById(ctx.db, userId);
    return user?.status === 'active' ? user : null;
  }

  app.get<{ Params: { token: string } }>('/admin/mot-de-passe/:token', async (request, reply) => {
    const user = await resettable(request.params.token);
    if (!user) return sendAccountPage(ctx, request, reply, dead);
    return sendAccountPage(ctx, request, reply, {
      title: 'Nouveau mot de passe',
      privateUrl: true,
      main: form(request.params.token, user.email),
    });
  });

  app.post<{ Params: { token: string } }>('/admin/mot-de-passe/:token', { onRequest: app.csrfProtection }, async (request, reply) => {
    const { token } = request.params;
    const user = await resettable(token);
    if (!user) return sendAccountPage(ctx, request, reply, dead);
    const parsed = parsePasswordForm(request.body, { name: false, email: false });
    if (!parsed.ok)
      return sendAccountPage(ctx, request, reply, {
        title: 'Nouveau mot de passe',
        status: 422,
        privateUrl: true,
        main: form(token, user.email, parsed.state),
      });
    const passwordHash = await hashPassword(parsed.password);
    if ((await consumeAccountToken(ctx.db, token, 'password_reset')) !== user.id) return sendAccountPage(ctx, request, reply, dead);
    await ctx.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: new Date().toISOString() })
      .where('id', '=', user.id)
      .execute();
    await revokeAccountTokens(ctx.db, user.id, 'password_reset');
    await deleteUserSessions(ctx.db, user.id);
    return reply.redirect('/admin/connexion?etat=mot-de-passe-change', 303);
  });
}
