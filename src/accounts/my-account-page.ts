import { html } from '../core/html/html.ts';
import { csrfField, type FieldState, inputField, notice } from './account-page.ts';
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH } from './password-policy.ts';
import { ROLE_LABELS } from './policy.ts';
import type { UserRow } from './user-repository.ts';

export interface MyAccountState {
  message?: { kind: 'ok' | 'error'; text: string };
  name?: FieldState;
  password?: { current?: FieldState; password?: FieldState; confirmation?: FieldState };
  /** While setting up TOTP: the secret and URI to show, and the confirmation code's error. */
  totpSetup?: { secret: string; uri: string; code?: FieldState };
  totpDisable?: { current?: FieldState };
}

/** "Mon compte": identity, password change, two-step verification, sessions. */
export function renderMyAccountPage(csrf: string, user: UserRow, state: MyAccountState = {}): string {
  const p = state.password ?? {};
  const totp = user.totp_enabled
    ? html`<p>La double authentification est <strong>activée</strong> : un code de votre application vous est demandé à chaque connexion.</p><form method="post" action="/admin/compte/double-authentification/desactiver" class="account-form" novalidate>!${csrfField(csrf)}!${inputField(
        {
          name: 'current',
          label: 'Mot de passe actuel',
          type: 'password',
          state: state.totpDisable?.current,
          autocomplete: 'current-password',
          required: true,
          hint: 'Pour désactiver la double authentification.',
          id: 'champ-current-totp',
        },
      )}<button type="submit" class="button button--quiet">Désactiver la double authentification</button></form>`
    : state.totpSetup
      ? html`<ol class="totp-steps"><li>Dans votre application d’authentification (par exemple FreeOTP, Aegis ou celle de votre téléphone), ajoutez un compte avec cette clé secrète :<p class="totp-secret"><code>${state.totpSetup.secret.replace(/(.{4})/g, '$1 ').trim()}</code></p><p>ou avec cette adresse : <code class="totp-uri">${state.totpSetup.uri}</code></p></li><li>Saisissez le code à six chiffres qu’elle affiche.</li></ol><form method="post" action="/admin/compte/double-authentification/activer" class="account-form" novalidate>!${csrfField(
          csrf,
        )}!${inputField({ name: 'code', label: 'Code', state: state.totpSetup.code, autocomplete: 'one-time-code', inputmode: 'numeric', required: true, maxLength: 6 })}<button type="submit" class="button">Activer</button></form>`
      : html`<p>Protégez votre compte avec un code à six chiffres donné par une application d’authentification, en plus du mot de passe.</p><form method="post" action="/admin/compte/double-authentification" class="account-form">!${csrfField(csrf)}<button type="submit" class="button">Mettre en place la double authentification</button></form>`;
  return html`<h1>Mon compte</h1>!${state.message ? notice(state.message.kind, state.message.text) : ''}<dl class="user-facts"><dt>Adresse</dt><dd>${user.email}</dd><dt>Rôle</dt><dd>${ROLE_LABELS[user.role]}</dd></dl><section aria-labelledby="titre-nom"><h2 id="titre-nom">Votre nom</h2><form method="post" action="/admin/compte/nom" class="account-form account-form--inline" novalidate>!${csrfField(
    csrf,
  )}!${inputField({ name: 'name', label: 'Nom', state: state.name ?? { value: user.name }, autocomplete: 'name', required: true, maxLength: 120, hint: 'Tel que la rédaction le voit dans l’administration (la signature publique est le profil d’auteur).' })}<button type="submit" class="button">Changer le nom</button></form></section><section aria-labelledby="titre-mdp"><h2 id="titre-mdp">Changer de mot de passe</h2><form method="post" action="/admin/compte/mot-de-passe" class="account-form" novalidate>!${csrfField(
    csrf,
  )}<input type="hidden" name="username" autocomplete="username" value="${user.email}">!${inputField({ name: 'current', label: 'Mot de passe actuel', type: 'password', state: p.current, autocomplete: 'current-password', required: true })}!${inputField(
    {
      name: 'password',
      label: 'Nouveau mot de passe',
      type: 'password',
      state: p.password,
      autocomplete: 'new-password',
      required: true,
      minLength: PASSWORD_MIN_LENGTH,
      hint: PASSWORD_HINT,
    },
  )}!${inputField({ name: 'confirmation', label: 'Confirmez le nouveau mot de passe', type: 'password', state: p.confirmation, autocomplete: 'new-password', required: true })}<p class="field__hint">Vos autres appareils seront déconnectés.</p><button type="submit" class="button">Changer le mot de passe</button></form></section><section aria-labelledby="titre-2fa"><h2 id="titre-2fa">Double authentification</h2>!${totp}</section><section aria-labelledby="titre-sessions"><h2 id="titre-sessions">Appareils connectés</h2><form method="post" action="/admin/deconnexion-partout" class="account-form">!${csrfField(
    csrf,
  )}<p>Si vous vous êtes connecté sur un appareil qui n’est pas le vôtre, ou si vous avez perdu un téléphone.</p><button type="submit" class="button button--quiet">Se déconnecter de tous les appareils</button></form></section>`;
}
