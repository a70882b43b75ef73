import { html } from '../core/html/html.ts';
import { csrfField, type FieldState, inputField, notice } from './account-page.ts';

/** The sign-in form: e-mail and password; the message, if any, sits above the form. */
export function renderLoginForm(
  csrfToken: string,
  state: { email?: FieldState; password?: FieldState; suite?: string | null; message?: { kind: 'ok' | 'error' | 'info'; text: string } },
): string {
  return html`<div class="account-box"><h1>Connexion</h1>!${state.message ? notice(state.message.kind, state.message.text) : ''}<form method="post" action="/admin/connexion" class="account-form" novalidate>!${csrfField(csrfToken)}!${
    state.suite ? html`<input type="hidden" name="suite" value="${state.suite}">` : ''
  }!${inputField({ name: 'email', label: 'Adresse électronique', type: 'email', state: state.email, autocomplete: 'username', required: true, maxLength: 254 })}!${inputField(
    {
      name: 'password',
      label: 'Mot de passe',
      type: 'password',
      state: state.password,
      autocomplete: 'current-password',
      required: true,
    },
  )}<div class="button-row"><button type="submit" class="button">Se connecter</button><a href="/admin/mot-de-passe-oublie">Mot de passe oublié ?</a></div></form></div>`;
}

/** The second step for accounts with TOTP: the 6-digit code from the authenticator app. */
export function renderTotpForm(
  csrfToken: string,
  state: { code?: FieldState; suite?: string | null; message?: { kind: 'error' | 'info'; text: string } },
): string {
  return html`<div class="account-box"><h1>Code de vérification</h1>!${state.message ? notice(state.message.kind, state.message.text) : ''}<p>Saisissez le code à six chiffres affiché par votre application d’authentification.</p><form method="post" action="/admin/connexion/code" class="account-form" novalidate>!${csrfField(csrfToken)}!${
    state.suite ? html`<input type="hidden" name="suite" value="${state.suite}">` : ''
  }!${inputField({ name: 'code', label: 'Code', state: state.code, autocomplete: 'one-time-code', inputmode: 'numeric', required: true, maxLength: 6, autofocus: true })}<div class="button-row"><button type="submit" class="button">Vérifier</button></div></form><form method="post" action="/admin/deconnexion" class="account-form">!${csrfField(csrfToken)}<button type="submit" class="button button--quiet">Annuler et se déconnecter</button></form></div>`;
}

/** The page shown when sign-in is refused for too many failures. */
export function renderThrottledMessage(): string {
  return html`<div class="account-box"><h1>Connexion temporairement bloquée</h1>!${notice(
    'error',
    'Trop de tentatives de connexion ont échoué. Par sécurité, réessayez dans quinze minutes.',
  )}<p>Si vous avez oublié votre mot de passe, vous pouvez <a href="/admin/mot-de-passe-oublie">en choisir un nouveau</a>.</p></div>`;
}
