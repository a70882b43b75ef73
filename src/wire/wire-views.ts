import { csrfField, inputField, notice } from '../accounts/account-page.ts';
import { parseBody } from '../articles/body/body-schema.ts';
import { renderBody } from '../articles/body/render-body.ts';
import { selectField } from '../accounts/select-field.ts';
import { html } from '../core/html/html.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import type { WireFormat, WireRule } from '../core/db/schema.ts';
import { RULE_LABELS, WIRE_RULES } from './agency-operations.ts';
import { FORMAT_LABELS, WIRE_FORMATS } from './parse-wire.ts';
import { wireBody } from './wire-body.ts';
import { deliveredPhotoPath, type WireItem } from './wire-item.ts';
import { folderOnDisk } from './wire-folder.ts';
import { PHOTO_FAILURE_NOTICES, type PhotoFailure } from './wire-photo.ts';
import type { AgencyRow } from './wire-repository.ts';

// The back-office screens of the wire: agencies (settings and health) and the held dépêches.
// ghtml escapes every ${…}: markup made by another html call goes in with !${…}.

/** The agency form as typed, and its errors by field. */
export interface AgencyFormState {
  name: string;
  sectionId: string;
  tags: string;
  rule: string;
  format: string;
  folderPath: string;
  pullUrl: string;
  pollSeconds: string;
  enabled: boolean;
  errors: Partial<Record<string, string>>;
}

export const EMPTY_AGENCY_FORM: AgencyFormState = {
  name: '',
  sectionId: '',
  tags: '',
  rule: 'hold',
  format: 'newsml',
  folderPath: '',
  pullUrl: '',
  pollSeconds: '60',
  enabled: true,
  errors: {},
};

/** The stored agency as form values (its folder as the absolute path it is on this server). */
export function agencyForm(agency: AgencyRow, wireRoot: string): AgencyFormState {
  return {
    name: agency.name,
    sectionId: String(agency.section_id),
    tags: (JSON.parse(agency.tags) as string[]).join(', '),
    rule: agency.rule,
    format: agency.format,
    folderPath: agency.folder_path === null ? '' : folderOnDisk(wireRoot, agency.folder_path),
    pullUrl: agency.pull_url ?? '',
    pollSeconds: String(agency.poll_seconds),
    enabled: agency.enabled === 1,
    errors: {},
  };
}

type Choice = { value: string; label: string };

function agencyFormHtml(
  action: string,
  form: AgencyFormState,
  sections: Choice[],
  csrfToken: string,
  submit: string,
  prefix: string,
): string {
  const e = form.errors;
  const rules = WIRE_RULES.map((rule: WireRule) => {
    const id = `${prefix}-regle-${rule}`;
    const checked = form.rule === rule ? ' checked' : '';
    return html`<li><input type="radio" id="${id}" name="rule" value="${rule}"!${checked}> <label for="${id}">${RULE_LABELS[rule]}</label></li>`;
  }).join('');
  const ruleError = e.rule ? html`<span class="field__error" id="${prefix}-regle-erreur">${e.rule}</span>` : '';
  const enabled = html`<div class="field webhook-enabled"><input type="checkbox" id="${prefix}-active" name="enabled" value="1"!${form.enabled ? ' checked' : ''}> <label for="${prefix}-active">Active : ses dépêches sont relevées</label></div>`;
  return html`<form method="post" action="${action}" novalidate class="wire-agency-form">!${csrfField(csrfToken)}!${inputField({
    name: 'name',
    id: `${prefix}-nom`,
    label: 'Nom de l’agence (signature des dépêches)',
    state: { value: form.name, error: e.name },
    required: true,
    maxLength: 100,
  })}!${selectField({
    name: 'sectionId',
    id: `${prefix}-rubrique`,
    label: 'Rubrique des dépêches',
    choices: sections,
    selected: form.sectionId,
    error: e.sectionId,
  })}!${inputField({
    name: 'tags',
    id: `${prefix}-mots-cles`,
    label: 'Mots-clés ajoutés à chaque dépêche (facultatif)',
    hint: 'Séparés par des virgules ; les sujets et mots-clés de l’agence s’y ajoutent.',
    state: { value: form.tags, error: e.tags },
  })}<fieldset class="field" !${e.rule ? html`aria-describedby="${prefix}-regle-erreur"` : ''}><legend>Règle</legend>!${ruleError}<ul class="token-scope-list">!${rules}</ul></fieldset>!${selectField(
    {
      name: 'format',
      id: `${prefix}-format`,
      label: 'Format des fichiers',
      choices: WIRE_FORMATS.map((f: WireFormat) => ({ value: f, label: FORMAT_LABELS[f] })),
      selected: form.format,
      error: e.format,
    },
  )}!${inputField({
    name: 'folderPath',
    id: `${prefix}-dossier`,
    label: 'Dossier surveillé (dépôt FTP/SFTP, facultatif)',
    hint: 'Chemin absolu sur le serveur. Les fichiers lus vont dans processed/, ceux refusés dans failed/.',
    state: { value: form.folderPath, error: e.folderPath },
  })}!${inputField({
    name: 'pullUrl',
    id: `${prefix}-adresse`,
    label: 'Adresse de relevé HTTP (facultatif)',
    hint: 'Relevée avec une requête conditionnelle (ETag, Last-Modified).',
    state: { value: form.pullUrl, error: e.pullUrl },
  })}!${inputField({
    name: 'pollSeconds',
    id: `${prefix}-intervalle`,
    label: 'Intervalle de relevé, en secondes',
    inputmode: 'numeric',
    state: { value: form.pollSeconds, error: e.pollSeconds },
  })}!${enabled}<div class="button-row"><button type="submit" class="button">${submit}</button></div></form>`;
}

function healthBadge(agency: AgencyRow): string {
  if (!agency.enabled) return html`<span class="badge token-state token-state--off">Désactivée</span>`;
  if (!agency.last_run_at) return html`<span class="badge">Pas encore relevée</span>`;
  const failing = agency.last_error_at !== null && (agency.last_success_at === null || agency.last_error_at >= agency.last_success_at);
  return failing
    ? html`<span class="badge wire-health wire-health--error">Erreur au dernier relevé</span>`
    : html`<span class="badge token-state token-state--on">En bon état</span>`;
}

/** /admin/agences: the agencies with their health, and the form to add one. */
export function renderAgencyList(options: {
  agencies: (AgencyRow & { sectionName: string })[];
  form: AgencyFormState;
  sections: Choice[];
  csrfToken: string;
  message?: string;
}): string {
  const rows = options.agencies
    .map((a) => {
      const sources = [a.folder_path ? `Dossier ${a.folder_path}` : '', a.pull_url ? `Relevé ${a.pull_url}` : '']
        .filter(Boolean)
        .join(' · ');
      return html`<tr><th scope="row"><a href="/admin/agences/${String(a.id)}">${a.name}</a></th><td>${a.sectionName}</td><td>${RULE_LABELS[a.rule]}</td><td>${FORMAT_LABELS[a.format]}</td><td class="webhook-url">${sources}</td><td>!${healthBadge(a)}</td></tr>`;
    })
    .join('');
  const list = options.agencies.length
    ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-agences"><table class="admin-table"><caption class="visually-hidden">Agences de presse configurées</caption><thead><tr><th scope="col">Agence</th><th scope="col">Rubrique</th><th scope="col">Règle</th><th scope="col">Format</th><th scope="col">Source</th><th scope="col">Santé</th></tr></thead><tbody>!${rows}</tbody></table></div>`
    : html`<p>Aucune agence pour l’instant.</p>`;
  const errorSummary = Object.keys(options.form.errors).length
    ? notice('error', 'L’agence n’a pas été ajoutée : corrigez les champs signalés.')
    : '';
  return html`<h1>Agences de presse</h1><p class="token-intro">Les dépêches des agences arrivent d’un dossier surveillé (dépôt FTP ou SFTP) ou d’une adresse relevée régulièrement, en NewsML-G2, ninjs ou RSS. Chaque agence signe ses dépêches ; selon sa règle, elles sont publiées aussitôt ou attendent un éditeur dans « <a href="/admin/depeches">Dépêches en attente</a> ».</p>!${options.message ? notice('ok', options.message) : ''}<section aria-labelledby="titre-agences"><h2 id="titre-agences">Agences</h2>!${list}</section><section aria-labelledby="titre-nouvelle-agence" class="token-create"><h2 id="titre-nouvelle-agence">Nouvelle agence</h2>!${errorSummary}!${agencyFormHtml('/admin/agences', options.form, options.sections, options.csrfToken, 'Ajouter l’agence', 'agence')}</section>`;
}

function when(iso: string | null): string {
  return iso ? formatDateTimeFr(iso) : 'jamais';
}

/** /admin/agences/:id: health, "Relever maintenant", settings, deletion. */
export function renderAgencyPage(options: {
  agency: AgencyRow;
  form: AgencyFormState;
  sections: Choice[];
  csrfToken: string;
  message?: string;
}): string {
  const { agency, csrfToken } = options;
  const id = String(agency.id);
  const errorSummary = Object.keys(options.form.errors).length
    ? notice('error', 'L’agence n’a pas été modifiée : corrigez les champs signalés.')
    : '';
  const lastError = agency.last_error
    ? html`<div class="wire-health__error"><h3>Dernière erreur (${when(agency.last_error_at)})</h3><p class="webhook-excerpt">${agency.last_error}</p></div>`
    : '';
  return html`<h1>${agency.name}</h1><p><a href="/admin/agences">Retour aux agences</a></p>!${options.message ? notice('ok', options.message) : ''}<section aria-labelledby="titre-sante"><h2 id="titre-sante">Santé</h2><p>!${healthBadge(agency)}</p><dl class="wire-health"><dt>Dernier relevé</dt><dd>${when(agency.last_run_at)}</dd><dt>Dernier relevé réussi</dt><dd>${when(agency.last_success_at)}</dd><dt>Dépêches reçues</dt><dd>${String(agency.items_received)}</dd><dt>Fichiers refusés (dans failed/)</dt><dd>${String(agency.files_failed)}</dd></dl>!${lastError}<form method="post" action="/admin/agences/${id}/relever">!${csrfField(csrfToken)}<button type="submit" class="button button--quiet">Relever maintenant</button></form></section><section aria-labelledby="titre-reglages-agence"><h2 id="titre-reglages-agence">Réglages</h2>!${errorSummary}!${agencyFormHtml(`/admin/agences/${id}`, options.form, options.sections, csrfToken, 'Enregistrer', 'reglages')}</section><section aria-labelledby="titre-supprimer-agence"><h2 id="titre-supprimer-agence">Supprimer</h2><p>Les dépêches déjà publiées restent en ligne, signées par l’agence.</p><form method="post" action="/admin/agences/${id}/supprimer">!${csrfField(csrfToken)}<button type="submit" class="button button--danger">Supprimer cette agence</button></form></section>`;
}

/** One held dépêche as the queue shows it. */
export interface HeldEntry {
  id: number;
  agencyName: string;
  version: number;
  receivedAt: string;
  item: WireItem;
}

/** The dépêche's text as it will be published (sanitised body), folded until the editor opens it. */
function bodyPreview(item: WireItem): string {
  let body: string;
  try {
    body = renderBody(parseBody(wireBody(item)), { renderImage: () => '' });
  } catch {
    body = html`<p>Le texte de cette dépêche ne peut pas être affiché.</p>`;
  }
  return html`<details class="wire-held__text"><summary>Lire la dépêche</summary><div class="prose">!${body}</div></details>`;
}

function heldCard(entry: HeldEntry, csrfToken: string): string {
  const { item } = entry;
  const id = String(entry.id);
  const titleId = `depeche-${id}`;
  const embargo =
    item.embargo && item.embargo > new Date().toISOString()
      ? html`<p class="notice notice--warn">Sous embargo jusqu’au ${formatDateTimeFr(item.embargo)} : publiée, elle sera programmée à cette heure.</p>`
      : '';
  const photoLine = (p: WireItem['photos'][number]) => {
    const caption = p.caption || 'Photo de l’agence';
    const name =
      deliveredPhotoPath(p.href) === null
        ? html`<a href="${p.href}" rel="noopener noreferrer">${caption}</a>`
        : html`${caption} <span class="field__hint">(fichier livré avec la dépêche)</span>`;
    return html`<li>!${name}${p.credit ? ` (© ${p.credit})` : ''}</li>`;
  };
  const photos = item.photos.length ? html`<ul class="wire-photos">!${item.photos.map(photoLine)}</ul>` : '';
  const text = bodyPreview(item);
  const keywords = item.keywords.length ? html`<p class="field__hint">Mots-clés : ${item.keywords.join(', ')}</p>` : '';
  return html`<article class="wire-held" aria-labelledby="${titleId}"><h2 id="${titleId}">${item.headline}</h2><p class="field__hint">${entry.agencyName} · reçue le ${formatDateTimeFr(entry.receivedAt)} · version ${String(entry.version)}</p>!${embargo}!${item.lead ? html`<p class="wire-held__lead">${item.lead}</p>` : ''}!${keywords}!${photos}!${text}<div class="button-row"><form method="post" action="/admin/depeches/${id}/publier">!${csrfField(csrfToken)}<button type="submit" class="button">Publier<span class="visually-hidden"> « ${item.headline} »</span></button></form><form method="post" action="/admin/depeches/${id}/ecarter">!${csrfField(csrfToken)}<button type="submit" class="button button--quiet">Écarter<span class="visually-hidden"> « ${item.headline} »</span></button></form></div></article>`;
}

/** Why a dépêche went out without its agency's photo, in French, with the detail when there is one. */
export function photoProblemText(code: string | null, reason: string | null): string {
  const known = code !== null && Object.hasOwn(PHOTO_FAILURE_NOTICES, code);
  const text = known ? PHOTO_FAILURE_NOTICES[code as PhotoFailure] : 'Photo non reprise.';
  return reason ? `${text} Détail : ${reason}.` : text;
}

/** A dépêche published (or scheduled) without its agency's photo and still without a main image. */
export interface PhotoProblemEntry {
  articleId: number;
  headline: string;
  agencyName: string;
  version: number;
  updatedAt: string;
  code: string | null;
  reason: string | null;
}

function photoProblems(entries: PhotoProblemEntry[]): string {
  if (entries.length === 0) return '';
  const items = entries.map(
    (e) =>
      html`<li class="wire-problem"><a href="/admin/articles/${String(e.articleId)}">${e.headline}</a><p class="field__hint">${e.agencyName} · le ${formatDateTimeFr(e.updatedAt)} · version ${String(e.version)}</p><p>${photoProblemText(e.code, e.reason)}</p></li>`,
  );
  return html`<section aria-labelledby="titre-sans-photo" class="wire-problems"><h2 id="titre-sans-photo">Publiées sans leur photo</h2><p class="field__hint">Ces dépêches sont en ligne, ou programmées, sans la photo de leur agence. Ajoutez une image principale depuis leur article : la ligne disparaît.</p><ul>!${items.join('')}</ul></section>`;
}

/** /admin/depeches: the held dépêches, newest first, then those gone out without their photo. */
export function renderHeldQueue(options: {
  entries: HeldEntry[];
  problems: PhotoProblemEntry[];
  csrfToken: string;
  message?: string;
  warning?: string;
}): string {
  const list = options.entries.length
    ? options.entries.map((e) => heldCard(e, options.csrfToken)).join('')
    : html`<p>Aucune dépêche en attente.</p>`;
  return html`<h1>Dépêches en attente</h1><p class="token-intro">Les dépêches des agences dont la règle est « mettre en attente » : publiez-les telles quelles (signées par l’agence, dans sa rubrique) ou écartez-les.</p>!${options.message ? notice('ok', options.message) : ''}!${options.warning ? notice('warn', options.warning) : ''}!${list}!${photoProblems(options.problems)}`;
}
