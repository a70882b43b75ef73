import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { sendAccountPage } from './account-page.ts';
import { consumeAccountToken, peekAccountToken } from './account-tokens.ts';
import { startSession } from './login-routes.ts';
import { hashPassword } from './password-hash.ts';
import { parsePasswordForm, type PasswordFormState, renderDeadLink, renderPasswordForm } from './password-form.ts';
import { countActiveUsers, findUserByEmail, findUserById } from './user-repository.ts';

/**
 * First owner account: the one-time link printed at start (/admin/installation/:token) lets the
 * person choose name, e-mail and password; the account is an administrator, signed in at once.
 * Once any account is active, setup links no longer work.
 */
export function setupRoutes(app: FastifyInstance, ctx: AppContext): void {
  const form = (token: string, state?: PasswordFormState) => (csrf: string) =>
    renderPasswordForm(csrf, {
      title: 'Création du compte propriétaire',
      intro: 'Bienvenue ! Ce compte administrateur pourra ensuite inviter la rédaction.',
      action: `/admin/installation/${token}`,
      submit: 'Créer le compte',
      wants: { name: true, email: true },
      state,
    });
  const dead = { title: 'Lien expiré', status: 410, privateUrl: true, main: () => renderDeadLink('d’installation') };

  app.get<{ Params: { token: string } }>('/admin/installation/:token', async (request, reply) => {
    const { token } = request.params;
    const usable = (await countActiveUsers(ctx.db)) === 0 && (await peekAccountToken(ctx.db, token, 'setup')) !== null;
    if (!usable) return sendAccountPage(ctx, request, reply, dead);
    return sendAccountPage(ctx, request, reply, { title: 'Installation', privateUrl: true, main: form(token) });
  });

  app.post<{ Params: { token: string } }>('/admin/installation/:token', { onRequest: app.csrfProtection }, async (request, reply) => {
    const { token } = request.params;
    if ((await countActiveUsers(ctx.db)) > 0 || (await peekAccountToken(ctx.db, token, 'setup')) === null)
      return sendAccountPage(ctx, request, reply, dead);
    const parsed = parsePasswordForm(request.body, { name: true, email: true });
    if (!parsed.ok)
      return sendAccountPage(ctx, request, reply, {
        title: 'Installation',
        status: 422,
        privateUrl: true,
        main: form(token, parsed.state),
      });
    const taken = await findUserByEmail(ctx.db, parsed.email);
    if (taken && taken.id !== (await peekAccountToken(ctx.db, token, 'setup'))) {
      const state: PasswordFormState = {
        name: { value: parsed.name },
        email: { value: parsed.email, error: 'Cette adresse est déjà celle d’un autre compte.' },
        error: 'Le formulaire contient des erreurs : corrigez les champs signalés.',
      };
      return sendAccountPage(ctx, request, reply, { title: 'Installation', status: 422, privateUrl: true, main: form(token, state) });
    }
    const passwordHash = await hashPassword(parsed.password);
    const userId = await consumeAccountToken(ctx.db, token, 'setup');
    if (userId === null) return sendAccountPage(ctx, request, reply, dead);
    const now = new Date().toISOString();
    await ctx.db
      .updateTable('users')
      .set({
        name: parsed.name,
        email: parsed.email,
        password_hash: passwordHash,
        role: 'administrateur',
        status: 'active',
        updated_at: now,
      })
      .where('id', '=', userId)
      .execute();
    const user = (await findUserById(ctx.db, userId))!;
    await recordAudit(
      ctx.db,
      { userId, name: user.name, role: 'administrateur', personId: null },
      'user.create',
      { type: 'user', id: userId },
      { via: 'installation' },
    );
    await startSession(ctx, request, reply, user);
    return reply.redirect('/admin', 303);
  });
}
