import { mailerFor, type SentMail } from '../core/mail/mailer.ts';
import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import type { Role } from '../core/db/schema.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { deName } from '../core/text/french-articles.ts';
import { ROLE_LABELS } from './policy.ts';

function wrapHtml(body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#15171a;max-width:600px">${body}</body></html>`;
}

/** Sends the invitation to join the back office, with its single-use link (valid 7 days). */
export async function sendInvitationMail(
  ctx: AppContext,
  input: { to: string; url: string; role: Role; invitedBy: string },
): Promise<SentMail> {
  const { settings } = await loadSiteChrome(ctx.db);
  const role = ROLE_LABELS[input.role].toLowerCase();
  const ofName = deName(settings.name);
  const subject = `Invitation à l’administration ${ofName}`;
  const text = [
    'Bonjour,',
    '',
    `${input.invitedBy} vous invite à rejoindre l’administration ${ofName} en tant que ${role}.`,
    '',
    'Pour créer votre compte, choisissez votre mot de passe à cette adresse (lien valable 7 jours, utilisable une seule fois) :',
    input.url,
    '',
    'Si vous n’attendiez pas cette invitation, ignorez ce message.',
  ].join('\n');
  const body = html`<p>Bonjour,</p><p>${input.invitedBy} vous invite à rejoindre l’administration <strong>${ofName}</strong> en tant que ${role}.</p><p><a href="${input.url}">Créer mon compte</a></p><p>Ce lien est valable 7 jours et ne sert qu’une fois. Si vous n’attendiez pas cette invitation, ignorez ce message.</p>`;
  return mailerFor(ctx.config).send({ to: input.to, subject, text, html: wrapHtml(body) });
}

/** Sends the password reset link (valid 1 hour, single use). */
export async function sendPasswordResetMail(ctx: AppContext, input: { to: string; url: string }): Promise<SentMail> {
  const { settings } = await loadSiteChrome(ctx.db);
  const ofName = deName(settings.name);
  const subject = `Nouveau mot de passe pour ${settings.name}`;
  const text = [
    'Bonjour,',
    '',
    `Une demande de nouveau mot de passe a été faite pour votre compte de l’administration ${ofName}.`,
    '',
    'Choisissez votre nouveau mot de passe à cette adresse (lien valable une heure, utilisable une seule fois) :',
    input.url,
    '',
    'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.',
  ].join('\n');
  const body = html`<p>Bonjour,</p><p>Une demande de nouveau mot de passe a été faite pour votre compte de l’administration <strong>${ofName}</strong>.</p><p><a href="${input.url}">Choisir un nouveau mot de passe</a></p><p>Ce lien est valable une heure et ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.</p>`;
  return mailerFor(ctx.config).send({ to: input.to, subject, text, html: wrapHtml(body) });
}
