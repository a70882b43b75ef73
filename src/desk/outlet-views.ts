import { csrfInput, selectField, textField } from '../curation/curation-form-fields.ts';
import type { DeskFeedKind } from '../core/db/schema.ts';
import { AppError } from '../core/http/app-error.ts';
import { html } from '../core/html/html.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import type { DeskSettings } from './board-repository.ts';
import { DESK_FEED_KINDS, FEED_KIND_LABELS } from './desk-labels.ts';
import type { FeedHealth, OutletRow } from './desk-repository.ts';

// ghtml escapes every ${…}: markup made by another html call goes in with !${…}.

export type FormErrors = Record<string, string>;

/** The outlet form's values as typed. */
export interface OutletForm {
  name: string;
  siteUrl: string;
  logoUrl: string;
  language: string;
  country: string;
  quoteAllowed: boolean;
}

export const EMPTY_OUTLET_FORM: OutletForm = { name: '', siteUrl: '', logoUrl: '', language: 'fr', country: 'FR', quoteAllowed: false };

export function outletFormOf(outlet: OutletRow): OutletForm {
  return {
    name: outlet.name,
    siteUrl: outlet.site_url,
    logoUrl: outlet.logo_url ?? '',
    language: outlet.language,
    country: outlet.country,
    quoteAllowed: outlet.quote_allowed === 1,
  };
}

/** The field problems of a validation error, by field (first message each); rethrows any other error. */
export function formErrorsOf(error: unknown): FormErrors {
  const problems = AppError.problemsOf(error);
  if (!(error instanceof AppError) || error.code !== 'validation_failed' || problems.length === 0) throw error;
  const errors: FormErrors = {};
  for (const p of problems) errors[p.path.split('.')[0] || 'form'] ??= p.message;
  return errors;
}

/** The list of problems above a form (each message names its field). */
export function problemList(errors: FormErrors): string {
  const messages = Object.values(errors);
  if (messages.length === 0) return '';
  return html`<div class="notice notice--error" role="alert" id="erreurs"><h2 class="notice__title">${messages.length > 1 ? `${messages.length} erreurs` : 'Une erreur'} dans le formulaire</h2><ul>!${messages.map((m) => html`<li>${m}</li>`)}</ul></div>`;
}

function outletFields(form: OutletForm, errors: FormErrors): string {
  return html`!${textField({ name: 'name', label: 'Nom du média', value: form.name, errors, required: true, maxLength: 120 })}
!${textField({ name: 'siteUrl', label: 'Site', type: 'url', value: form.siteUrl, errors, required: true, hint: 'https://…' })}
!${textField({ name: 'logoUrl', label: 'Adresse du logo (facultatif)', type: 'url', value: form.logoUrl, errors })}
<div class="desk-form-row">!${textField({ name: 'language', label: 'Langue', value: form.language, errors, hint: 'Code de deux lettres : fr, en…', maxLength: 2 })}!${textField({ name: 'country', label: 'Pays', value: form.country, errors, hint: 'Code de deux lettres : FR, BE…', maxLength: 2 })}</div>
<div class="field desk-check"><input type="checkbox" id="champ-quoteAllowed" name="quoteAllowed" value="1"${form.quoteAllowed ? ' checked' : ''}><label for="champ-quoteAllowed">Ce média autorise les citations au-delà d’un court extrait</label></div>`;
}

function health(feed: FeedHealth): string {
  const ok = feed.last_success_at && (!feed.last_error_at || feed.last_success_at >= feed.last_error_at);
  const state = feed.last_fetch_at === null ? 'En attente de la première lecture' : ok ? 'En bonne santé' : 'En erreur';
  return html`<span class="desk-health desk-health--${feed.last_fetch_at === null ? 'pending' : ok ? 'ok' : 'error'}">${state}</span>`;
}

/** /admin/veille/medias: the outlets watched, their feeds' health at a glance, and the form to add one. */
export function renderOutletList(input: {
  outlets: OutletRow[];
  feeds: FeedHealth[];
  form: OutletForm;
  errors: FormErrors;
  csrfToken: string;
  message?: string;
}): string {
  const rows = input.outlets.map((outlet) => {
    const feeds = input.feeds.filter((f) => f.outlet_id === outlet.id);
    const failing = feeds.filter((f) => f.last_error_at && (!f.last_success_at || f.last_error_at > f.last_success_at)).length;
    const perDay = feeds.reduce((sum, f) => sum + f.itemsPerDay, 0);
    return html`<tr><th scope="row"><a href="/admin/veille/medias/${String(outlet.id)}">${outlet.name}</a></th><td>${outlet.language} · ${outlet.country}</td><td>${String(feeds.length)}${failing ? html` <span class="desk-health desk-health--error">${String(failing)} en erreur</span>` : ''}</td><td>${String(perDay)}</td><td>${outlet.quote_allowed ? 'Autorisées' : 'Court extrait'}</td></tr>`;
  });
  const table = input.outlets.length
    ? html`<div class="desk-table-wrap"><table class="admin-table"><caption>Médias suivis</caption><thead><tr><th scope="col">Média</th><th scope="col">Langue · pays</th><th scope="col">Flux</th><th scope="col">Articles sur 24 h</th><th scope="col">Citations</th></tr></thead><tbody>!${rows}</tbody></table></div>`
    : html`<p>Aucun média suivi pour l’instant : ajoutez-en un ci-dessous, puis ses flux.</p>`;
  return html`<h1>Médias suivis</h1><p><a href="/admin/veille">← La veille</a> · <a href="/admin/veille/reglages">Réglages de la veille</a></p>!${input.message ? html`<p class="notice notice--ok" role="status">${input.message}</p>` : ''}!${table}
<h2>Ajouter un média</h2>!${problemList(input.errors)}<form method="post" action="/admin/veille/medias" class="admin-form" novalidate>!${csrfInput(input.csrfToken)}!${outletFields(input.form, input.errors)}<button type="submit" class="button">Ajouter le média</button></form>`;
}

/** The feed form's values as typed. */
export interface FeedForm {
  url: string;
  kind: DeskFeedKind;
  intervalMinutes: string;
}

export const EMPTY_FEED_FORM: FeedForm = { url: '', kind: 'auto', intervalMinutes: '15' };

/** /admin/veille/medias/:id: the outlet's form, its feeds with their health, and the form to add one. */
export function renderOutletPage(input: {
  outlet: OutletRow;
  feeds: FeedHealth[];
  form: OutletForm;
  errors: FormErrors;
  feedForm: FeedForm;
  feedErrors: FormErrors;
  csrfToken: string;
  message?: string;
}): string {
  const id = String(input.outlet.id);
  const feedRows = input.feeds.map(
    (feed) =>
      html`<tr><td class="desk-url">${feed.url}</td><td>${FEED_KIND_LABELS[feed.kind]}</td><td>${String(feed.interval_minutes)} min</td><td>!${health(feed)}</td><td>${feed.last_success_at ? formatDateTimeFr(feed.last_success_at) : '—'}</td><td>${feed.last_error ? html`<span class="desk-error" data-feed-error>${feed.last_error}</span> <span class="desk-muted">(${formatDateTimeFr(feed.last_error_at!)})</span>` : '—'}</td><td>${String(feed.itemsPerDay)}</td><td class="desk-actions"><form method="post" action="/admin/veille/medias/${id}/flux/${String(feed.id)}/lire">!${csrfInput(input.csrfToken)}<button type="submit" class="button button--quiet">Lire maintenant</button></form><form method="post" action="/admin/veille/medias/${id}/flux/${String(feed.id)}/supprimer">!${csrfInput(input.csrfToken)}<button type="submit" class="button button--quiet">Retirer</button></form></td></tr>`,
  );
  const feeds = input.feeds.length
    ? html`<div class="desk-table-wrap"><table class="admin-table"><caption>Flux et santé de chaque source</caption><thead><tr><th scope="col">Adresse</th><th scope="col">Type</th><th scope="col">Fréquence</th><th scope="col">État</th><th scope="col">Dernier succès</th><th scope="col">Dernière erreur</th><th scope="col">Articles sur 24 h</th><th scope="col">Actions</th></tr></thead><tbody>!${feedRows}</tbody></table></div>`
    : html`<p>Aucun flux : ajoutez l’adresse d’un flux RSS, Atom, JSON Feed ou d’un sitemap Google News.</p>`;
  const feedForm = html`<form method="post" action="/admin/veille/medias/${id}/flux" class="admin-form" novalidate>!${csrfInput(input.csrfToken)}!${problemList(input.feedErrors)}!${textField({ name: 'url', id: 'champ-flux-url', label: 'Adresse du flux', type: 'url', value: input.feedForm.url, errors: input.feedErrors, required: true })}<div class="desk-form-row">!${selectField({ name: 'kind', label: 'Type', value: input.feedForm.kind, options: DESK_FEED_KINDS.map((k) => ({ value: k, label: FEED_KIND_LABELS[k] })), errors: input.feedErrors })}!${textField({ name: 'intervalMinutes', label: 'Lire toutes les (minutes)', type: 'number', value: input.feedForm.intervalMinutes, errors: input.feedErrors, inputmode: 'numeric' })}</div><button type="submit" class="button">Ajouter le flux</button></form>`;
  return html`<h1>${input.outlet.name}</h1><p><a href="/admin/veille/medias">← Médias suivis</a></p>!${input.message ? html`<p class="notice notice--ok" role="status">${input.message}</p>` : ''}
<h2>Flux</h2>!${feeds}<h3>Ajouter un flux</h3>!${feedForm}
<h2>Fiche du média</h2>!${problemList(input.errors)}<form method="post" action="/admin/veille/medias/${id}" class="admin-form" novalidate>!${csrfInput(input.csrfToken)}!${outletFields(input.form, input.errors)}<button type="submit" class="button">Enregistrer</button></form>
<h2>Ne plus suivre ce média</h2><form method="post" action="/admin/veille/medias/${id}/supprimer">!${csrfInput(input.csrfToken)}<p>Ses flux et les articles lus chez lui quittent la veille ; les pépites déjà écrites restent.</p><button type="submit" class="button button--danger">Retirer ${input.outlet.name}</button></form>`;
}

/** /admin/veille/reglages: the quote guard's thresholds. */
export function renderDeskSettings(input: {
  values: { quoteWarnWords: string; quoteBlockWords: string };
  errors: FormErrors;
  csrfToken: string;
  message?: string;
}): string {
  return html`<h1>Réglages de la veille</h1><p><a href="/admin/veille">← La veille</a></p>!${input.message ? html`<p class="notice notice--ok" role="status">${input.message}</p>` : ''}!${problemList(input.errors)}<form method="post" action="/admin/veille/reglages" class="admin-form" novalidate>!${csrfInput(input.csrfToken)}<p>Le garde-fou des citations compare chaque pépite tirée de la veille à l’article d’origine et compte le plus long passage repris mot pour mot (droit de courte citation, droits voisins des éditeurs).</p>!${textField({ name: 'quoteWarnWords', label: 'Alerter au-delà de (mots à la suite)', type: 'number', value: input.values.quoteWarnWords, errors: input.errors, inputmode: 'numeric' })}!${textField({ name: 'quoteBlockWords', label: 'Bloquer la publication au-delà de (mots à la suite)', type: 'number', value: input.values.quoteBlockWords, errors: input.errors, inputmode: 'numeric', hint: 'Sauf pour les médias qui autorisent les citations longues.' })}<button type="submit" class="button">Enregistrer</button></form>`;
}

export function settingsValues(settings: DeskSettings): { quoteWarnWords: string; quoteBlockWords: string } {
  return { quoteWarnWords: String(settings.quoteWarnWords), quoteBlockWords: String(settings.quoteBlockWords) };
}
