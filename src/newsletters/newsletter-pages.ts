import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { csrfHidden, formMessage } from '../readers/reader-forms.ts';
import type { SubscriptionStatus } from '../core/db/schema.ts';
import type { NewsletterRow } from './newsletter-repository.ts';
import { renderSignupForm, type SignupState } from './signup-form.ts';

/** /newsletters/inscription: the form on its own page (and again with its error). */
export function signupPage(newsletters: NewsletterRow[], state: SignupState = {}): string {
  return html`<h1>S’inscrire aux newsletters</h1>!${renderSignupForm(newsletters, 'page', state)}`;
}

/** After a sign-up: the same words whatever the address (nothing is revealed). */
export function checkYourMailPage(): string {
  return html`<h1>Vérifiez votre boîte aux lettres</h1><p role="status">${fr('Si l’adresse est valable, un message vient d’y partir : ouvrez le lien qu’il contient pour confirmer votre inscription. Le lien est valable 48 heures.')}</p>`;
}

/** A link's page: one button that acts (a mail scanner following links changes nothing). */
export function buttonPage(o: { title: string; text: string; action: string; button: string; csrf?: string }): string {
  return html`<h1>${fr(o.title)}</h1><p>${fr(o.text)}</p><form method="post" action="${o.action}" class="reader-form">!${o.csrf === undefined ? '' : csrfHidden(o.csrf)}<button class="button" type="submit">${o.button}</button></form>`;
}

export function goneLinkPage(message: string): string {
  return html`<h1>Lien expiré</h1><p role="alert">${message}</p><p><a href="/newsletters/inscription">S’inscrire de nouveau</a></p>`;
}

/** "Mes newsletters": every newsletter, ticked when the reader receives it. */
export function manageSubscriptionsPage(o: {
  csrf: string;
  token: string;
  email: string;
  newsletters: NewsletterRow[];
  subscriptions: Map<number, SubscriptionStatus>;
  ok?: string | null;
  error?: string | null;
}): string {
  const boxes = o.newsletters.map((n) => {
    const checked = o.subscriptions.get(n.id) === 'active' ? ' checked' : '';
    return html`<li class="newsletter-choice"><input type="checkbox" id="mes-nl-${String(n.id)}" name="newsletters" value="${String(n.id)}"!${checked} aria-describedby="mes-nl-${String(n.id)}-aide"><label for="mes-nl-${String(n.id)}">${fr(n.name)}</label><span class="form-field__hint" id="mes-nl-${String(n.id)}-aide">${fr([n.description, n.cadence].filter(Boolean).join(' — '))}</span></li>`;
  });
  return html`<h1>Mes newsletters</h1>!${formMessage('ok', o.ok)}!${formMessage('error', o.error)}<p>${fr(`Les newsletters envoyées à ${o.email}. Décochez celles que vous ne voulez plus recevoir : le changement prend effet immédiatement.`)}</p><form method="post" action="/newsletters/mes-newsletters/${o.token}" class="reader-form">!${csrfHidden(o.csrf)}<fieldset><legend>Je reçois</legend><ul class="newsletter-choices">!${boxes.join('')}</ul></fieldset><button class="button" type="submit">Enregistrer mes choix</button></form>`;
}
