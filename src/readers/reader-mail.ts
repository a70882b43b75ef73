import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { mailerFor, type SentMail } from '../core/mail/mailer.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';

/** A short French e-mail in the house style: plain text first, then its HTML twin. */
export function wrapReaderMail(body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#15171a;max-width:600px">${body}</body></html>`;
}

/** The sign-in link (30 minutes, single use). */
export async function sendSignInMail(ctx: AppContext, input: { to: string; url: string }): Promise<SentMail> {
  const { settings } = await loadSiteChrome(ctx.db);
  const subject = `Votre lien de connexion à ${settings.name}`;
  const text = [
    'Bonjour,',
    '',
    `Pour vous connecter à ${settings.name} et participer aux commentaires, ouvrez ce lien (valable 30 minutes, utilisable une seule fois) :`,
    input.url,
    '',
    'Si vous n’avez rien demandé, ignorez ce message : aucun compte ne sera ouvert.',
  ].join('\n');
  const body = html`<p>Bonjour,</p><p>Pour vous connecter à <strong>${settings.name}</strong> et participer aux commentaires&nbsp;:</p><p><a href="${input.url}">Me connecter</a></p><p>Ce lien est valable 30 minutes et ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message&nbsp;: aucun compte ne sera ouvert.</p>`;
  return mailerFor(ctx.config).send({ to: input.to, subject, text, html: wrapReaderMail(body) });
}

/** The confirmation of a new address, sent to that new address. */
export async function sendEmailChangeMail(ctx: AppContext, input: { to: string; url: string }): Promise<SentMail> {
  const { settings } = await loadSiteChrome(ctx.db);
  const subject = `Confirmez votre nouvelle adresse pour ${settings.name}`;
  const text = [
    'Bonjour,',
    '',
    `Pour utiliser cette adresse avec votre compte de lecteur de ${settings.name}, ouvrez ce lien (valable 30 minutes) :`,
    input.url,
    '',
    'Si vous n’avez rien demandé, ignorez ce message.',
  ].join('\n');
  const body = html`<p>Bonjour,</p><p>Pour utiliser cette adresse avec votre compte de lecteur de <strong>${settings.name}</strong>&nbsp;:</p><p><a href="${input.url}">Confirmer cette adresse</a></p><p>Ce lien est valable 30 minutes. Si vous n’avez rien demandé, ignorez ce message.</p>`;
  return mailerFor(ctx.config).send({ to: input.to, subject, text, html: wrapReaderMail(body) });
}
