import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { completeSetup, setupLinkUsable } from './account-link-operations.ts';
import { sendAccountPage } from './account-page.ts';
import { startSession } from './login-routes.ts';
import { parsePasswordForm, type PasswordFormState, renderDeadLink, renderPasswordForm } from './password-form.ts';
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
    if (!(await setupLinkUsable(ctx, token))) return sendAccountPage(ctx, request, reply, dead);
    return sendAccountPage(ctx, request, reply, { title: 'Installation', privateUrl: true, main: form(token) });
  });

  app.post<{ Params: { token: string } }>('/admin/installation/:token', { onRequest: app.csrfProtection }, async (request, reply) => {
    const { token } = request.params;
    if (!(await setupLinkUsable(ctx, token))) return sendAccountPage(ctx, request, reply, dead);
    const parsed = parsePasswordForm(request.body, { name: true, email: true });
    const again = (state: PasswordFormState) =>
      sendAccountPage(ctx, request, reply, { title: 'Installation', status: 422, privateUrl: true, main: form(token, state) });
    if (!parsed.ok) return again(parsed.state);
    let user: Awaited<ReturnType<typeof completeSetup>>;
    try {
      user = await completeSetup(ctx, token, parsed);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'conflict')) throw error;
      return again({
        name: { value: parsed.name },
        email: { value: parsed.email, error: error.message },
        error: 'Le formulaire contient des erreurs : corrigez les champs signalés.',
      });
    }
    if (!user) return sendAccountPage(ctx, request, reply, dead);
    await startSession(ctx, request, reply, user);
    return reply.redirect('/admin', 303);
  });
}
