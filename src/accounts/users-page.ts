import { html } from '../core/html/html.ts';
import type { Role, UserStatus } from '../core/db/schema.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import { csrfField, type FieldState, inputField, notice } from './account-page.ts';
import { ROLE_LABELS } from './policy.ts';
import { ROLES } from './roles.ts';
import { selectField } from './select-field.ts';

export const STATUS_LABELS: Record<UserStatus, string> = { invited: 'Invitation en attente', active: 'Actif', disabled: 'Désactivé' };

const roleChoices = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export interface UserListItem {
  id: number;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  person_name: string | null;
  totp_enabled: number;
  last_login_at: string | null;
}

export interface InviteFormState {
  email?: FieldState;
  name?: FieldState;
  role?: { value?: string; error?: string };
  author?: { value?: string; error?: string };
}

/** A link the administrator passes on by hand (no SMTP, or the mail failed): shown whole, with a copy button (copy-link island). */
function invitationLinkBox(link: string): string {
  return html`<div class="copy-link" data-copy-link><label for="lien-invitation">Lien d’invitation</label><div class="copy-link__row"><input type="text" id="lien-invitation" class="copy-link__value" readonly value="${link}" data-copy-source><button type="button" class="button" data-copy-button hidden>Copier le lien</button></div><p class="field__hint" role="status" data-copy-status></p></div>`;
}

/** Where an invitation went, said after sending it. */
export interface InvitationOutcome {
  email: string;
  /** The link, when the administrator must pass it on (no SMTP, or the mail failed). */
  link?: string;
  /** The .eml file written instead of sending. */
  file?: string;
  failed?: boolean;
}

function outcomeNotice(outcome: InvitationOutcome): string {
  if (outcome.failed)
    return notice(
      'error',
      `Le compte est prêt mais le courriel pour ${outcome.email} n’a pas pu partir : transmettez-lui vous-même ce lien.`,
    );
  if (outcome.file)
    return notice(
      'warn',
      `Le courriel pour ${outcome.email} n’est pas parti : aucun serveur d’envoi (SMTP_URL) n’est configuré. Il a été écrit dans le fichier ${outcome.file}. Transmettez vous-même ce lien à la personne (valable 7 jours, utilisable une fois).`,
    );
  return notice('ok', `L’invitation a été envoyée par courriel à ${outcome.email}.`);
}

/** The invitation's outcome above the page: where the mail went and, if it did not leave, the link to pass on. */
function renderInvitationOutcome(outcome: InvitationOutcome): string {
  return `${outcomeNotice(outcome)}${outcome.link ? invitationLinkBox(outcome.link) : ''}`;
}

/** The users screen: every account in a table, then the invitation form. */
export function renderUsersPage(
  csrf: string,
  users: UserListItem[],
  state: { invite?: InviteFormState; message?: { kind: 'ok' | 'error' | 'warn'; text: string } } = {},
  authorChoices: { id: number; name: string }[] = [],
): string {
  const rows = users
    .filter((u) => !u.email.endsWith('.invalid'))
    .map(
      (u) =>
        html`<tr><td><a href="/admin/utilisateurs/${String(u.id)}">${u.name}</a><br><span class="muted">${u.email}</span></td><td>${ROLE_LABELS[u.role]}</td><td><span class="badge user-status user-status--${u.status}">${STATUS_LABELS[u.status]}</span>!${
          u.totp_enabled ? html` <span class="badge">Double authentification</span>` : ''
        }</td><td class="col-optional">${u.person_name ?? '—'}</td><td class="col-optional">${u.last_login_at ? formatDateTimeFr(u.last_login_at) : 'jamais'}</td></tr>`,
    )
    .join('');
  const invite = state.invite ?? {};
  return html`<h1>Utilisateurs</h1>!${state.message ? notice(state.message.kind, state.message.text) : ''}<div class="table-wrap"><table class="admin-table users-table"><caption class="visually-hidden">Comptes de l’administration</caption><thead><tr><th scope="col">Nom et adresse</th><th scope="col">Rôle</th><th scope="col">État</th><th scope="col" class="col-optional">Profil d’auteur</th><th scope="col" class="col-optional">Dernière connexion</th></tr></thead><tbody>!${rows}</tbody></table></div><h2 id="inviter">Inviter une personne</h2><p>Elle recevra par courriel un lien valable 7 jours pour choisir son mot de passe (sans serveur d’envoi configuré, le lien s’affiche ici pour que vous le lui transmettiez).</p><form method="post" action="/admin/utilisateurs/invitation" class="account-form" novalidate aria-labelledby="inviter">!${csrfField(
    csrf,
  )}!${inputField({ name: 'email', label: 'Adresse électronique', type: 'email', state: invite.email, autocomplete: 'off', required: true, maxLength: 254 })}!${inputField(
    {
      name: 'name',
      label: 'Nom (facultatif)',
      state: invite.name,
      autocomplete: 'off',
      maxLength: 120,
    },
  )}!${selectField({ name: 'role', label: 'Rôle', choices: roleChoices, selected: invite.role?.value ?? 'contributeur', error: invite.role?.error, hint: 'Contributeur : écrit et soumet ses articles. Journaliste : écrit, modifie ce qu’on lui partage. Éditeur : publie et gère le site. Modérateur : commentaires. Administrateur : tout, dont les comptes.' })}!${selectField(
    {
      name: 'author',
      label: 'Profil d’auteur',
      choices: [
        { value: 'auto', label: 'Selon le rôle : un nouveau profil à son nom (contributeur, journaliste, éditeur)' },
        { value: 'new', label: 'Un nouveau profil à son nom' },
        { value: 'none', label: 'Aucun profil (ne signe pas d’articles)' },
        ...authorChoices.map((p) => ({ value: String(p.id), label: `Profil existant : ${p.name}` })),
      ],
      selected: invite.author?.value ?? 'auto',
      error: invite.author?.error,
      hint: 'Le profil public sous lequel elle signera ses articles.',
    },
  )}<div class="button-row"><button type="submit" class="button">Envoyer l’invitation</button></div></form>`;
}

export interface UserDetail extends UserListItem {
  person_id: number | null;
  created_at: string;
}

/** One account: its role, status and author profile, each changed by its own small form. */
export function renderUserPage(
  csrf: string,
  user: UserDetail,
  people: { id: number; name: string }[],
  state: { message?: { kind: 'ok' | 'error'; text: string }; invitation?: InvitationOutcome } = {},
): string {
  const id = String(user.id);
  const statusForm =
    user.status === 'invited'
      ? html`<form method="post" action="/admin/utilisateurs/${id}/reinviter" class="account-form">!${csrfField(csrf)}<p>Cette personne n’a pas encore activé son compte.</p><button type="submit" class="button button--quiet">Renvoyer l’invitation</button></form>`
      : html`<form method="post" action="/admin/utilisateurs/${id}/statut" class="account-form">!${csrfField(csrf)}<input type="hidden" name="enabled" value="${user.status === 'active' ? '0' : '1'}"><p>!${
          user.status === 'active'
            ? 'Désactiver le compte le déconnecte aussitôt de tous ses appareils et révoque ses jetons d’API.'
            : 'Ce compte est désactivé : la personne ne peut plus se connecter.'
        }</p><button type="submit" class="button!${user.status === 'active' ? ' button--danger' : ''}">${user.status === 'active' ? 'Désactiver le compte' : 'Réactiver le compte'}</button></form>`;
  return html`<p><a href="/admin/utilisateurs">← Tous les utilisateurs</a></p><h1>${user.name}</h1>!${state.message ? notice(state.message.kind, state.message.text) : ''}!${
    state.invitation ? renderInvitationOutcome(state.invitation) : ''
  }<dl class="user-facts"><dt>Adresse</dt><dd>${user.email}</dd><dt>État</dt><dd>${STATUS_LABELS[user.status]}</dd><dt>Double authentification</dt><dd>${user.totp_enabled ? 'activée' : 'non'}</dd><dt>Compte créé le</dt><dd>${formatDateTimeFr(user.created_at)}</dd><dt>Dernière connexion</dt><dd>${
    user.last_login_at ? formatDateTimeFr(user.last_login_at) : 'jamais'
  }</dd></dl><section aria-labelledby="titre-role"><h2 id="titre-role">Rôle</h2><form method="post" action="/admin/utilisateurs/${id}/role" class="account-form account-form--inline">!${csrfField(csrf)}!${selectField(
    {
      name: 'role',
      label: 'Rôle',
      choices: roleChoices,
      selected: user.role,
    },
  )}<button type="submit" class="button">Changer le rôle</button></form></section><section aria-labelledby="titre-auteur"><h2 id="titre-auteur">Profil d’auteur</h2><p>Le profil public sous lequel cette personne signe ses articles.</p><form method="post" action="/admin/utilisateurs/${id}/auteur" class="account-form account-form--inline">!${csrfField(csrf)}!${selectField(
    {
      name: 'personId',
      label: 'Auteur',
      choices: [{ value: '', label: 'Aucun profil' }, ...people.map((p) => ({ value: String(p.id), label: p.name }))],
      selected: user.person_id === null ? '' : String(user.person_id),
    },
  )}<button type="submit" class="button">Enregistrer</button></form></section><section aria-labelledby="titre-acces"><h2 id="titre-acces">Accès</h2>!${statusForm}</section>`;
}
