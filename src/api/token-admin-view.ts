import type { Permission } from '../accounts/policy.ts';
import { csrfField, notice } from '../accounts/account-page.ts';
import { html } from '../core/html/html.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import type { ApiTokenSummary } from './tokens/token-repository.ts';

/** French names of the permissions a token can carry. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  'article:create': 'Créer des articles',
  'article:edit-own': 'Modifier ses articles',
  'article:edit-shared': 'Modifier les articles partagés avec soi',
  'article:edit-any': 'Modifier tous les articles',
  'article:submit': 'Soumettre des articles',
  'article:publish': 'Publier, programmer et dépublier',
  'article:delete': 'Supprimer des articles',
  'article:preview-link': 'Créer des liens d’aperçu',
  'media:upload': 'Téléverser des médias',
  'media:edit': 'Modifier les médias',
  'media:delete': 'Supprimer des médias',
  'curation:home': 'Composer la une',
  'curation:sections': 'Gérer les rubriques et la navigation',
  'curation:dossiers': 'Gérer les dossiers',
  'curation:series': 'Gérer les séries',
  'curation:pages': 'Gérer les pages',
  'curation:people': 'Gérer les auteurs',
  'curation:podcasts': 'Gérer les podcasts',
  'comment:moderate': 'Modérer les commentaires',
  'desk:use': 'Utiliser la veille (médias suivis, pépites)',
  'user:manage': 'Gérer les utilisateurs',
  'settings:manage': 'Modifier les réglages',
  'audit:read': 'Lire le journal d’audit',
  'token:manage-own': 'Gérer ses jetons',
  'integration:manage': 'Gérer les intégrations (webhooks, clés de l’API de contenu)',
  'newsletter:manage': 'Gérer les newsletters (éditions, envois, abonnés)',
  'site:import': 'Importer un site (WordPress, Ghost)',
};

/** What the creation form shows again after an error. */
export interface TokenFormState {
  name: string;
  scopes: Permission[];
  lifetime: string;
  errors: Partial<Record<'name' | 'scopes' | 'lifetime', string>>;
}

export const EMPTY_TOKEN_FORM: TokenFormState = { name: '', scopes: [], lifetime: '90', errors: {} };

const LIFETIME_OPTIONS: [string, string][] = [
  ['30', '30 jours'],
  ['90', '90 jours'],
  ['365', '1 an'],
  ['', 'Sans expiration'],
];

function tokenState(token: ApiTokenSummary, now: string): string {
  if (token.revokedAt) return html`<span class="badge token-state token-state--off">Révoqué le ${formatDateTimeFr(token.revokedAt)}</span>`;
  if (token.expiresAt && token.expiresAt <= now) return html`<span class="badge token-state token-state--off">Expiré</span>`;
  return html`<span class="badge token-state token-state--on">Actif</span>`;
}

// ghtml escapes every ${…}: markup made by another html call goes in with !${…}.

function tokenRow(token: ApiTokenSummary, csrfToken: string, now: string): string {
  const live = !token.revokedAt && !(token.expiresAt && token.expiresAt <= now);
  const scopes = token.scopes.map((s) => html`<li>${PERMISSION_LABELS[s] ?? s}</li>`).join('');
  const revoke = live
    ? html`<form method="post" action="/admin/jetons/${String(token.id)}/revoquer" class="token-revoke">!${csrfField(csrfToken)}<button type="submit" class="button button--quiet">Révoquer<span class="visually-hidden"> le jeton « ${token.name} »</span></button></form>`
    : '';
  return html`<tr><th scope="row">${token.name}</th><td><ul class="token-scopes">!${scopes}</ul></td><td>${formatDateTimeFr(token.createdAt)}</td><td>${token.lastUsedAt ? formatDateTimeFr(token.lastUsedAt) : 'Jamais'}</td><td>${token.expiresAt ? formatDateTimeFr(token.expiresAt) : 'Jamais'}</td><td>!${tokenState(token, now)}!${revoke}</td></tr>`;
}

function fieldError(id: string, message: string | undefined): string {
  return message ? html`<span class="field__error" id="${id}">${message}</span>` : '';
}

function creationForm(grantable: Permission[], form: TokenFormState, csrfToken: string): string {
  const e = form.errors;
  const nameDescribed = ['jeton-nom-aide', e.name ? 'jeton-nom-erreur' : ''].filter(Boolean).join(' ');
  const nameInput = e.name
    ? html`<input type="text" id="jeton-nom" name="name" value="${form.name}" maxlength="100" required aria-describedby="${nameDescribed}" aria-invalid="true">`
    : html`<input type="text" id="jeton-nom" name="name" value="${form.name}" maxlength="100" required aria-describedby="${nameDescribed}">`;
  const checkboxes = grantable
    .map((p) => {
      const id = `jeton-permission-${p.replace(':', '-')}`;
      const box = form.scopes.includes(p)
        ? html`<input type="checkbox" id="${id}" name="scopes" value="${p}" checked>`
        : html`<input type="checkbox" id="${id}" name="scopes" value="${p}">`;
      return html`<li>!${box} <label for="${id}">${PERMISSION_LABELS[p]} <code>${p}</code></label></li>`;
    })
    .join('');
  const options = LIFETIME_OPTIONS.map(([value, label]) =>
    value === form.lifetime ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`,
  ).join('');
  const fieldset = e.scopes
    ? html`<fieldset class="field token-scope-choice" aria-describedby="jeton-permissions-erreur">`
    : html`<fieldset class="field token-scope-choice">`;
  const select = e.lifetime
    ? html`<select id="jeton-duree" name="lifetime" aria-describedby="jeton-duree-erreur" aria-invalid="true">!${options}</select>`
    : html`<select id="jeton-duree" name="lifetime">!${options}</select>`;
  return html`<section aria-labelledby="titre-nouveau-jeton" class="token-create"><h2 id="titre-nouveau-jeton">Nouveau jeton</h2><form method="post" action="/admin/jetons" novalidate>!${csrfField(csrfToken)}<div class="field"><label for="jeton-nom">Nom du jeton</label><span class="field__hint" id="jeton-nom-aide">Pour le reconnaître plus tard : à quoi ou à quel script il sert.</span>!${fieldError('jeton-nom-erreur', e.name)}!${nameInput}</div>!${fieldset}<legend>Permissions</legend><span class="field__hint">Un jeton ne peut jamais faire plus que votre rôle ; donnez-lui seulement ce dont le script a besoin.</span>!${fieldError('jeton-permissions-erreur', e.scopes)}<ul class="token-scope-list">!${checkboxes}</ul></fieldset><div class="field"><label for="jeton-duree">Validité</label>!${fieldError('jeton-duree-erreur', e.lifetime)}!${select}</div><div class="button-row"><button type="submit" class="button">Créer le jeton</button></div></form></section>`;
}

/** The token screen: a one-time display of a new secret, the list, and the creation form. */
export function renderTokenScreen(options: {
  tokens: ApiTokenSummary[];
  grantable: Permission[];
  form: TokenFormState;
  csrfToken: string;
  created?: { name: string; secret: string };
  message?: string;
  now?: string;
}): string {
  const now = options.now ?? new Date().toISOString();
  const created = options.created
    ? html`<section class="notice notice--ok token-secret" role="status" aria-labelledby="titre-jeton-cree"><h2 id="titre-jeton-cree">Jeton « ${options.created.name} » créé</h2><p>Copiez-le maintenant : il ne sera plus jamais affiché. Kiosque n’en garde qu’une empreinte.</p><label for="jeton-secret">Votre jeton</label><input type="text" id="jeton-secret" class="token-secret__value" value="${options.created.secret}" readonly spellcheck="false" autocomplete="off"><p class="field__hint">À envoyer dans l’en-tête <code>Authorization: Bearer …</code> des appels à <code>/api/admin</code>.</p></section>`
    : '';
  const errorSummary = Object.keys(options.form.errors).length
    ? notice('error', 'Le jeton n’a pas été créé : corrigez les champs signalés.')
    : '';
  const rows = options.tokens.map((t) => tokenRow(t, options.csrfToken, now)).join('');
  const list = options.tokens.length
    ? html`<div class="table-wrap"><table class="admin-table token-table"><caption class="visually-hidden">Vos jetons d’API</caption><thead><tr><th scope="col">Nom</th><th scope="col">Permissions</th><th scope="col">Créé le</th><th scope="col">Dernière utilisation</th><th scope="col">Expiration</th><th scope="col">État</th></tr></thead><tbody>!${rows}</tbody></table></div>`
    : html`<p>Vous n’avez encore aucun jeton.</p>`;
  return html`<h1>Jetons d’API</h1><p class="token-intro">Un jeton d’accès personnel permet à un script d’utiliser l’API d’administration (<a href="/api/admin/openapi.json">documentation OpenAPI</a>) en votre nom, avec les permissions choisies. Révoquez-le dès qu’il ne sert plus.</p>!${options.message ? notice('ok', options.message) : ''}!${created}!${errorSummary}<section aria-labelledby="titre-mes-jetons"><h2 id="titre-mes-jetons">Vos jetons</h2>!${list}</section>!${creationForm(options.grantable, options.form, options.csrfToken)}`;
}
