import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { mailerFor, type SentMail } from '../core/mail/mailer.ts';
import { fr } from '../core/text/typography.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { wrapReaderMail } from '../readers/reader-mail.ts';

/** The double opt-in message: the only one an unconfirmed address ever receives. */
export async function sendConfirmationMail(ctx: AppContext, input: { to: string; names: string[]; url: string }): Promise<SentMail> {
  const { settings } = await loadSiteChrome(ctx.db);
  const list = input.names.map((n) => `« ${n} »`).join(', ');
  const subject = fr(`Confirmez votre inscription aux newsletters de ${settings.name}`);
  const text = fr(
    [
      'Bonjour,',
      '',
      `Pour recevoir ${input.names.length > 1 ? 'les newsletters' : 'la newsletter'} ${list} de ${settings.name}, confirmez votre adresse en ouvrant ce lien (valable 48 heures, utilisable une seule fois) :`,
      input.url,
      '',
      'Si vous n’avez rien demandé, ignorez ce message : vous ne recevrez rien d’autre.',
    ].join('\n'),
  );
  const body = html`<p>Bonjour,</p><p>${fr(`Pour recevoir ${list} de ${settings.name}, confirmez votre adresse :`)}</p><p><a href="${input.url}">Confirmer mon inscription</a></p><p>${fr('Ce lien est valable 48 heures et ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message : vous ne recevrez rien d’autre.')}</p>`;
  return mailerFor(ctx.config).send({ to: input.to, subject, text, html: wrapReaderMail(body) });
}
