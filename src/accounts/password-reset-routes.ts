import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { registerPasswordResetJob, requestPasswordReset, resetPassword, resettableAccount } from './account-link-operations.ts';
import { csrfField, inputField, notice, sendAccountPage } from './account-page.ts';
import { parsePasswordForm, type PasswordFormState, renderDeadLink, renderPasswordForm } from './password-form.ts';
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

/** "Mot de passe oublié ?": request a link by e-mail (sent by the job runner), then choose a new password; every session ends and the API tokens are revoked. */
export function passwordResetRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerPasswordResetJob();
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
    await requestPasswordReset(ctx, parsed.data.email);
    return sendAccountPage(ctx, request, reply, { title: 'Mot de passe oublié', main: (csrf) => renderRequestForm(csrf, { sent: true }) });
  });

  const form = (token: string, email: string, state?: PasswordFormState) => (csrf: string) =>
    renderPasswordForm(csrf, {
      title: 'Nouveau mot de passe',
      intro: 'Choisissez votre nouveau mot de passe. Vous serez déconnecté de tous vos appareils, et vos jetons d’API seront révoqués.',
      action: `/admin/mot-de-passe/${token}`,
      submit: 'Changer le mot de passe',
      wants: { name: false, email: false },
      fixedEmail: email,
      state,
    });
  const dead = { title: 'Lien expiré', status: 410, privateUrl: true, main: () => renderDeadLink('de changement de mot de passe') };

  app.get<{ Params: { token: string } }>('/admin/mot-de-passe/:token', async (request, reply) => {
    const user = await resettableAccount(ctx, request.params.token);
    if (!user) return sendAccountPage(ctx, request, reply, dead);
    return sendAccountPage(ctx, request, reply, {
      title: 'Nouveau mot de passe',
      privateUrl: true,
      main: form(request.params.token, user.email),
    });
  });

  app.post<{ Params: { token: string } }>('/admin/mot-de-passe/:token', { onRequest: app.csrfProtection }, async (request, reply) => {
    const { token } = request.params;
    const user = await resettableAccount(ctx, token);
    if (!user) return sendAccountPage(ctx, request, reply, dead);
    const parsed = parsePasswordForm(request.body, { name: false, email: false });
    if (!parsed.ok)
      return sendAccountPage(ctx, request, reply, {
        title: 'Nouveau mot de passe',
        status: 422,
        privateUrl: true,
        main: form(token, user.email, parsed.state),
      });
    if (!(await resetPassword(ctx, token, parsed.password))) return sendAccountPage(ctx, request, reply, dead);
    return reply.redirect('/admin/connexion?etat=mot-de-passe-change', 303);
  });
}
