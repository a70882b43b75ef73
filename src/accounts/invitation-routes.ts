import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { acceptInvitation, invitedAccount } from './account-link-operations.ts';
import { sendAccountPage } from './account-page.ts';
import { startSession } from './login-routes.ts';
import { parsePasswordForm, type PasswordFormState, renderDeadLink, renderPasswordForm } from './password-form.ts';
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

  app.get<{ Params: { token: string } }>('/admin/invitation/:token', async (request, reply) => {
    const user = await invitedAccount(ctx, request.params.token);
    if (!user) return sendAccountPage(ctx, request, reply, dead);
    return sendAccountPage(ctx, request, reply, {
      title: 'Invitation',
      privateUrl: true,
      main: form(request.params.token, user.email, { name: { value: user.name } }),
    });
  });

  app.post<{ Params: { token: string } }>('/admin/invitation/:token', { onRequest: app.csrfProtection }, async (request, reply) => {
    const { token } = request.params;
    const user = await invitedAccount(ctx, token);
    if (!user) return sendAccountPage(ctx, request, reply, dead);
    const parsed = parsePasswordForm(request.body, { name: true, email: false });
    if (!parsed.ok)
      return sendAccountPage(ctx, request, reply, {
        title: 'Invitation',
        status: 422,
        privateUrl: true,
        main: form(token, user.email, parsed.state),
      });
    const active = await acceptInvitation(ctx, token, parsed);
    if (!active) return sendAccountPage(ctx, request, reply, dead);
    await startSession(ctx, request, reply, active);
    return reply.redirect('/admin', 303);
  });
}
