import { z } from 'zod';
import { html } from '../core/html/html.ts';
import { csrfField, type FieldState, inputField, notice } from './account-page.ts';
import { newPasswordSchema, PASSWORD_HINT, PASSWORD_MIN_LENGTH } from './password-policy.ts';

/** The fields of the forms that set a password: setup (name, e-mail), invitation (name), reset (password only). */
export interface PasswordFormState {
  name?: FieldState;
  email?: FieldState;
  password?: FieldState;
  confirmation?: FieldState;
  error?: string;
}

/** A person's name as the back office shows it. */
export const accountNameSchema = z
  .string('Indiquez votre nom.')
  .trim()
  .min(1, 'Indiquez votre nom.')
  .max(120, 'Ce nom est trop long (120 caractères au plus).');
const emailSchema = z
  .string()
  .trim()
  .max(254, 'Cette adresse est trop longue.')
  .pipe(z.email('Cette adresse électronique n’est pas valide.'));

/** Validates a password form; returns the values or the state to show again (errors next to their fields). */
export function parsePasswordForm(
  body: unknown,
  wants: { name: boolean; email: boolean },
): { ok: true; name: string; email: string; password: string } | { ok: false; state: PasswordFormState } {
  const b = (body ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof b[key] === 'string' ? (b[key] as string) : '');
  const state: PasswordFormState = {
    name: { value: text('name').slice(0, 200) },
    email: { value: text('email').slice(0, 300) },
    password: {},
    confirmation: {},
  };
  let ok = true;
  const check = (schema: z.ZodType, value: string, field: FieldState) => {
    const result = schema.safeParse(value);
    if (!result.success) {
      field.error = result.error.issues[0].message;
      ok = false;
      return '';
    }
    return result.data as string;
  };
  const name = wants.name ? check(accountNameSchema, text('name'), state.name!) : '';
  const email = wants.email ? check(emailSchema, text('email'), state.email!) : '';
  const password = check(newPasswordSchema, text('password'), state.password!);
  if (!state.password!.error && text('confirmation') !== text('password')) {
    state.confirmation!.error = 'Les deux mots de passe ne sont pas identiques.';
    ok = false;
  }
  if (!ok) return { ok: false, state: { ...state, error: 'Le formulaire contient des erreurs : corrigez les champs signalés.' } };
  return { ok: true, name, email: email.toLowerCase(), password };
}

/** The form itself; `fixedEmail` shows the address of an invitation or reset as text. */
export function renderPasswordForm(
  csrfToken: string,
  options: {
    title: string;
    intro: string;
    action: string;
    submit: string;
    wants: { name: boolean; email: boolean };
    fixedEmail?: string;
    state?: PasswordFormState;
  },
): string {
  const state = options.state ?? {};
  return html`<div class="account-box"><h1>${options.title}</h1>!${state.error ? notice('error', state.error) : ''}<p>${options.intro}</p>!${
    options.fixedEmail ? html`<p>Compte : <strong>${options.fixedEmail}</strong></p>` : ''
  }<form method="post" action="${options.action}" class="account-form" novalidate>!${csrfField(csrfToken)}!${
    options.wants.name
      ? inputField({
          name: 'name',
          label: 'Votre nom',
          state: state.name,
          autocomplete: 'name',
          required: true,
          maxLength: 120,
          hint: 'Tel qu’il apparaîtra dans l’administration.',
        })
      : ''
  }!${options.wants.email ? inputField({ name: 'email', label: 'Adresse électronique', type: 'email', state: state.email, autocomplete: 'email', required: true, maxLength: 254 }) : ''}!${
    // A hidden username field lets password managers save the new password with the right account.
    options.fixedEmail ? html`<input type="hidden" name="username" autocomplete="username" value="${options.fixedEmail}">` : ''
  }!${inputField({ name: 'password', label: 'Nouveau mot de passe', type: 'password', state: state.password, autocomplete: 'new-password', required: true, minLength: PASSWORD_MIN_LENGTH, hint: PASSWORD_HINT })}!${inputField(
    {
      name: 'confirmation',
      label: 'Confirmez le mot de passe',
      type: 'password',
      state: state.confirmation,
      autocomplete: 'new-password',
      required: true,
    },
  )}<div class="button-row"><button type="submit" class="button">${options.submit}</button></div></form></div>`;
}

/** The page for a link that is unknown, already used or expired. */
export function renderDeadLink(what: string): string {
  return html`<div class="account-box"><h1>Lien expiré ou déjà utilisé</h1>!${notice('error', `Ce lien ${what} n’est plus valable : il a déjà servi ou il a expiré.`)}<p><a href="/admin/connexion">Aller à la page de connexion</a> · <a href="/admin/mot-de-passe-oublie">Mot de passe oublié ?</a></p></div>`;
}
