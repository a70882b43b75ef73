import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { formMessage, proofOfWorkField, readerField } from '../readers/reader-forms.ts';
import type { NewsletterRow } from './newsletter-repository.ts';

/** What the form should show again after a refused sign-up. */
export interface SignupState {
  email?: string;
  checked?: number[];
  error?: string;
  errorField?: string;
  /** Where the reader started, when not this form's own place (the footer's form leads to the full one). */
  source?: string;
}

/**
 * The sign-up form (newsletter page, end of articles, its own page): unticked boxes, one per
 * newsletter with its cadence, the address, the proof-of-work slot. It carries nothing personal,
 * so it may sit in a cached page; the route refuses cross-site posts instead of a CSRF token.
 * `where` names the place in the consent proof and keeps field ids unique.
 */
export function renderSignupForm(newsletters: NewsletterRow[], where: string, state: SignupState = {}): string {
  if (newsletters.length === 0) return '';
  const id = (name: string) => `nl-${where}-${name}`;
  const boxes = newsletters.map((n) => {
    const checked = state.checked?.includes(n.id) ? ' checked' : '';
    const hint = [n.description, n.cadence]
      .filter(Boolean)
      .map((t) => fr(t))
      .join(' — ');
    return html`<li class="newsletter-choice"><input type="checkbox" id="${id(String(n.id))}" name="newsletters" value="${String(n.id)}"!${checked} aria-describedby="${id(`${n.id}-aide`)}"><label for="${id(String(n.id))}">${fr(n.name)}</label><span class="form-field__hint" id="${id(`${n.id}-aide`)}">${hint}</span></li>`;
  });
  const boxesError = state.errorField === 'newsletters' ? html`<p class="form-field__error" role="alert">${state.error ?? ''}</p>` : '';
  const otherError =
    state.error && state.errorField !== 'newsletters' && state.errorField !== 'email' ? formMessage('error', state.error) : '';
  return html`<form class="reader-form newsletter-signup" method="post" action="/newsletters/inscription">!${otherError}<fieldset><legend>Choisissez vos newsletters</legend>!${boxesError}<ul class="newsletter-choices">!${boxes.join('')}</ul></fieldset>!${readerField(
    {
      name: 'email',
      id: id('email'),
      label: 'Votre adresse électronique',
      type: 'email',
      autocomplete: 'email',
      maxLength: 254,
      required: true,
      value: state.email,
      error: state.errorField === 'email' ? state.error : undefined,
    },
  )}<input type="hidden" name="source" value="${state.source ?? where}"><p class="form-field__hint">${fr('Vous recevrez un message pour confirmer votre adresse. Chaque newsletter comporte un lien de désinscription immédiate ; aucun traceur.')}</p>!${proofOfWorkField()}<button class="button" type="submit">Je m’inscris</button></form>`;
}

/**
 * The footer's compact form: one address field and a button, posted to the same sign-up route.
 * With one newsletter it subscribes to it (proof of work, limits, same answer: the route's own);
 * with several it carries no choice, and the route answers with the full form, address filled in,
 * where the reader ticks the newsletters (nothing is sent before that).
 */
export function renderFooterSignupForm(newsletters: NewsletterRow[]): string {
  if (newsletters.length === 0) return '';
  const only = newsletters.length === 1 ? newsletters[0] : undefined;
  const title = only ? `Newsletter « ${only.name} »` : 'Nos newsletters';
  const choice = only ? html`<input type="hidden" name="newsletters" value="${String(only.id)}">!${proofOfWorkField()}` : '';
  const button = only ? 'S’inscrire' : 'Choisir mes newsletters';
  return html`<section class="site-footer__newsletter" aria-labelledby="nl-pied-titre"><h2 class="site-footer__heading" id="nl-pied-titre">${fr(title)}</h2><form class="newsletter-compact" method="post" action="/newsletters/inscription"><label for="nl-pied-email">Votre courriel</label><div class="newsletter-compact__row"><input type="email" id="nl-pied-email" name="email" autocomplete="email" maxlength="254" required><button class="button" type="submit">${button}</button></div><input type="hidden" name="source" value="footer">!${choice}</form></section>`;
}
