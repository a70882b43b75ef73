import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { sendAccountPage } from './account-page.ts';
import { consumeAccountToken, peekAccountToken } from './account-tokens.ts';
import { startSession } from './login-routes.ts';
import { hashPassword } from './password-hash.ts';
import { parsePasswordForm, type PasswordFormState, renderDeadLink, renderPasswordForm } from './password-form.ts';
import { findUserById } from './user-repository.ts';

/** Accepting an invitation (/admin/invitation/:token): the invited person sets name and password, then is signed in. */
export function invitationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const form = (token: string, email: string, state?: PasswordFormState) => (csrf: string) =>
    renderPasswordForm(csrf, {
      title: 'Activer votre compte',
      intro: 'Choisissez le nom sous lequel la rédaction vous verra et votre mot de passe.',
      action: `/admin/invitation/${token}`,
      submit: 'Activer mon compte',
      wants: { name: true, email: false },
      fixedEmail: email,
      state,
    });
  const dead = { title: 'Lien expiré', status: 410, privateUrl: true, main: () => renderDeadLink('d’invitation') };

  // The invited account, if the link is still good and the account still waits for activation.
  async function invited(token: string) {
    const userId = await peekAccountToken(ctx.db, token, 'invitation');
    const user = userId === null ? undefined : await findUserById(ctx.db, userId);
    return user?.status === 'invited' ? user : null;
  }

  app.get<{ Params: { token: string } }>('/admin/invitation/:token', async (request, reply) => {
    const user = await invited(request.params.token);
    if (!user) return sendAccountPage(ctx, request, reply, dead);
    return sendAccountPage(ctx, request, reply, {
      title: 'Invitation',
      privateUrl: true,
      main: form(request.params.token, user.email, { name: { value: user.name } }),
    });
  });

  app.post<{ Params: { token: string } }>('/admin/invitation/:token', { onRequest: app.csrfProtection }, async (request, reply) => {
    const { token } = request.params;
    const user = await invited(token);
    if (!user) return sendAccountPage(ctx, request, reply, dead);
    const parsed = parsePasswordForm(request.body, { name: true, email: false });
    if (!parsed.ok)
      return sendAccountPage(ctx, request, reply, {
        title: 'Invitation',
        status: 422,
        privateUrl: true,
        main: form(token, user.email, parsed.state),
      });
    const passwordHash = await hashPassword(parsed.password);
    if ((await consumeAccountToken(ctx.db, token, 'invitation')) !== user.id) return sendAccountPage(ctx, request, reply, dead);
    await ctx.db
      .updateTable('users')
      .set({ name: parsed.name, password_hash: passwordHash, status: 'active', updated_at: new Date().toISOString() })
      .where('id', '=', user.id)
      .execute();
    await startSession(ctx, request, reply, { id: user.id, totp_enabled: 0 });
    return reply.redirect('/admin', 303);
  });
}
