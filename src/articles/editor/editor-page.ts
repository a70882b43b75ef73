/**
 * The article editing screen: structured fields in one plain form (it saves without
 * JavaScript), the body editor island on the body textarea, the workflow panel, and the live
 * previews. Refused input comes back here with the person's values, a summary of the problems
 * linking to each field, and each message next to its field.
 */
import { html } from '../../core/html/html.ts';
import { formatDateTimeFr } from '../../core/text/dates.ts';
import { ARTICLE_LIMITS, type FieldIssue } from '../operations/article-input.ts';
import { selectField, textArea, textField, radioGroup } from './editor-fields.ts';
import { renderAuthorsField, renderCorrectionsFields, renderHeroField, renderSourceFields } from './editor-form-parts.ts';
import { COMMENTS_CHOICES, FORMAT_CHOICES, STATUS_LABELS } from './editor-labels.ts';
import type { ArticleForEdit } from '../operations/article-for-edit.ts';
import type { EditorChoices, ImageChoice } from './editor-repository.ts';
import { FIELD_IDS, groupIssues, type EditorValues, type FieldKey } from './editor-values.ts';
import { renderWorkflow } from './editor-workflow.ts';
import { renderSeoPreview, SERP_DESCRIPTION_LENGTH, SERP_TITLE_LENGTH } from './seo-preview.ts';

export interface EditorPageInput {
  csrfToken: string;
  publicationName: string;
  publicUrl: string;
  /** The stored article; null on the "new article" screen. */
  state: ArticleForEdit | null;
  values: EditorValues;
  choices: EditorChoices;
  /** Images the form refers to (hero and body), for thumbnails. */
  images: ReadonlyMap<number, ImageChoice>;
  issues?: readonly FieldIssue[];
  /** A confirmation shown at the top ("Article enregistré."). */
  notice?: string;
  /** Another person saved this article recently. */
  recentEdit?: { name: string; minutes: number } | null;
  /** Pre-rendered panels of the desk (a pépite's source, the quote guard) and of the wire (a dépêche's agency item, its photo). */
  deskPanel?: string;
  now?: Date;
}

/** Minutes within which someone else's save is worth a warning on opening the article. */
export const RECENT_EDIT_MINUTES = 30;

/** The main area of the editing screen (the admin layout wraps it). */
export function renderEditorPage(input: EditorPageInput): string {
  const { values, state, choices } = input;
  const { byField, general } = groupIssues(input.issues ?? []);
  const errors = byField as ReadonlyMap<FieldKey, readonly string[]>;
  const action = state ? `/admin/articles/${state.id}` : '/admin/articles';
  const section = choices.sections.find((s) => String(s.id) === values.sectionId);
  const hero = values.heroImageId ? (input.images.get(Number(values.heroImageId)) ?? null) : null;
  const slug = values.slug || state?.input.slug || '';
  const publicPath = section && slug ? `/${section.slug}/${slug}` : null;
  // A writer may still open a piece an editor has taken over: shown, not editable.
  const readOnly = state !== null && !state.may.edit;

  const title = state ? 'Modifier l’article' : 'Nouvel article';
  const status = state
    ? html`<span class="badge badge--${state.status}">${STATUS_LABELS[state.status]}!${state.status === 'scheduled' && state.publishedAt ? html` pour le ${formatDateTimeFr(state.publishedAt)}` : ''}</span>`
    : html`<span class="badge badge--draft">Nouveau</span>`;
  const links = state
    ? html`<nav class="editor__links" aria-label="Autour de l’article"><a href="/admin/articles/${String(state.id)}/apercu">Aperçu</a><a href="/admin/articles/${String(state.id)}/revisions">Révisions</a>!${values.format === 'podcast' ? html`<a href="/admin/articles/${String(state.id)}/episode">Épisode de podcast</a>` : ''}!${values.format === 'video' ? html`<a href="/admin/articles/${String(state.id)}/video">Vidéo</a>` : ''}!${state.publicPath ? html`<a href="${state.publicPath}">Voir en ligne</a>` : ''}</nav>`
    : '';
  const lastSaved = state?.editedAt
    ? `Enregistré le ${formatDateTimeFr(state.editedAt)}${state.editedBy ? ` par ${state.editedBy.name}` : ''}.`
    : state
      ? ''
      : 'Pas encore enregistré.';

  const header = html`<header class="editor__header"><p class="editor__back"><a href="/admin/articles">← Articles</a></p><div class="editor__heading"><h1>${title}</h1>!${status}</div>!${links}</header>`;

  const recent = input.recentEdit
    ? html`<div class="notice notice--warn" role="alert" data-recent-edit><p><strong>${input.recentEdit.name}</strong> a modifié cet article il y a ${input.recentEdit.minutes < 1 ? 'moins d’une minute' : `${input.recentEdit.minutes} minute${input.recentEdit.minutes > 1 ? 's' : ''}`}. Si vous modifiez en même temps, l’enregistrement vous proposera de comparer les deux versions.</p></div>`
    : '';
  const locked = readOnly
    ? html`<div class="notice notice--warn"><p>Cet article est entre les mains de la rédaction en chef (${STATUS_LABELS[state!.status].toLowerCase()}) : vous pouvez le relire, plus le modifier.</p></div>`
    : '';
  const notice = input.notice ? html`<div class="notice notice--ok" role="status"><p>${input.notice}</p></div>` : '';
  const summary = input.issues?.length ? renderErrorSummary(byField, general) : '';

  const mainFields = html`<div class="editor__main">
!${textField({ id: FIELD_IDS.kicker, name: 'kicker', label: 'Surtitre', value: values.kicker, hint: 'Ligne courte au-dessus du titre (facultatif).', errors: errors.get('kicker'), counter: { max: ARTICLE_LIMITS.kicker } })}
!${textArea({ id: FIELD_IDS.headline, name: 'headline', label: 'Titre', value: values.headline, rows: 2, required: true, errors: errors.get('headline'), counter: { max: ARTICLE_LIMITS.headline }, className: 'field--headline' })}
!${textArea({ id: FIELD_IDS.lead, name: 'lead', label: 'Chapô', value: values.lead, rows: 3, hint: 'Le premier paragraphe, mis en valeur ; sert aussi de description.', errors: errors.get('lead'), counter: { max: ARTICLE_LIMITS.lead }, className: 'field--lead' })}
!${renderBodyField(values, errors, input.images)}
</div>`;

  const sideFields = html`<div class="editor__side">
<fieldset class="editor-group"><legend class="editor-group__title">Classement</legend>
!${selectField({ id: FIELD_IDS.format, name: 'format', label: 'Format', value: values.format, choices: FORMAT_CHOICES, errors: errors.get('format') })}
!${selectField({ id: FIELD_IDS.sectionId, name: 'sectionId', label: 'Rubrique', value: values.sectionId, choices: [{ value: '', label: '— Choisir —' }, ...choices.sections.map((s) => ({ value: String(s.id), label: s.name }))], errors: errors.get('sectionId') })}
!${selectField({ id: FIELD_IDS.seriesId, name: 'seriesId', label: 'Série (facultatif)', value: values.seriesId, choices: [{ value: '', label: '— Aucune —' }, ...choices.series.map((s) => ({ value: String(s.id), label: s.title }))], errors: errors.get('seriesId') })}
!${textField({ id: FIELD_IDS.tags, name: 'tags', label: 'Mots-clés', value: values.tags, hint: `Séparés par des virgules, ${ARTICLE_LIMITS.tags} au plus.`, errors: errors.get('tags') })}
</fieldset>
!${renderAuthorsField(values, choices, errors)}
!${renderHeroField(values, hero, errors)}
<fieldset class="editor-group"><legend class="editor-group__title">Publication</legend>
!${textField({ id: FIELD_IDS.slug, name: 'slug', label: 'Adresse (slug)', value: values.slug, hint: publicPath ? `Adresse publique : ${input.publicUrl}${publicPath}` : 'Laissée vide, elle est tirée du titre.', errors: errors.get('slug') })}
!${radioGroup({ id: FIELD_IDS.commentsSetting, name: 'commentsSetting', label: 'Commentaires', value: values.commentsSetting || 'inherit', choices: COMMENTS_CHOICES, errors: errors.get('commentsSetting') })}
</fieldset>
</div>`;

  const seo = html`<fieldset class="editor-group editor-group--seo"><legend class="editor-group__title">Référencement et partage</legend><div class="editor-grid">!${textField({ id: FIELD_IDS.seoTitle, name: 'seoTitle', label: 'Titre pour les moteurs de recherche', value: values.seoTitle, hint: `Facultatif ; vers ${SERP_TITLE_LENGTH} caractères. Sinon, le titre.`, errors: errors.get('seoTitle'), counter: { max: ARTICLE_LIMITS.seoTitle, recommended: SERP_TITLE_LENGTH } })}!${textArea({ id: FIELD_IDS.seoDescription, name: 'seoDescription', label: 'Description', value: values.seoDescription, rows: 3, hint: `Facultative ; vers ${SERP_DESCRIPTION_LENGTH} caractères. Sinon, le chapô.`, errors: errors.get('seoDescription'), counter: { max: ARTICLE_LIMITS.seoDescription, recommended: SERP_DESCRIPTION_LENGTH } })}</div>!${renderSeoPreview({ publicUrl: input.publicUrl, publicationName: input.publicationName, sectionSlug: section?.slug ?? '', slug, headline: values.headline, lead: values.lead, seoTitle: values.seoTitle, seoDescription: values.seoDescription, hero })}</fieldset>`;

  const imagesJson = JSON.stringify(Object.fromEntries(input.images));
  const sectionsJson = JSON.stringify(Object.fromEntries(choices.sections.map((s) => [s.id, s.slug])));
  const form = html`<form method="post" action="${action}" class="editor__form" id="editeur-article" novalidate data-editor-form!${readOnly ? ' data-readonly' : ''} data-article-id="${state ? String(state.id) : ''}" data-images="${imagesJson}" data-sections="${sectionsJson}" data-public-url="${input.publicUrl}">
<input type="hidden" name="_csrf" value="${input.csrfToken}"><input type="hidden" name="revision" value="${values.revision}" data-revision>!${state ? '' : html`<input type="hidden" name="draftKey" value="${values.draftKey}">`}!${readOnly ? '<fieldset disabled class="editor__lock"><legend class="visually-hidden">Article en lecture seule</legend>' : ''}
<div class="editor__columns">!${mainFields}!${sideFields}</div>
<div class="editor__more">!${renderSourceFields(values, errors)}!${renderCorrectionsFields(values, errors)}</div>
!${seo}
<div class="editor__submit"><button type="submit" class="button">Enregistrer</button><p class="editor__save-status" role="status" aria-live="polite" data-save-status>${lastSaved}</p></div>!${readOnly ? '</fieldset>' : ''}
</form>`;

  const workflow = state ? renderWorkflow(state, input.csrfToken, input.now) : '';
  return html`<div class="editor" data-editor>!${header}!${locked}!${recent}!${input.deskPanel ?? ''}!${notice}!${summary}!${workflow}!${form}</div>`;
}

/** The body: the editor island mounts on this textarea; without JavaScript it is the raw JSON document. */
function renderBodyField(
  values: EditorValues,
  errors: ReadonlyMap<FieldKey, readonly string[]>,
  _images: ReadonlyMap<number, ImageChoice>,
): string {
  const fieldErrors = errors.get('body') ?? [];
  const describedBy = ['champ-corps-aide', ...(fieldErrors.length ? ['champ-corps-erreur'] : [])].join(' ');
  const error = fieldErrors.length ? html`<p class="field__error" id="champ-corps-erreur">${fieldErrors.join(' ')}</p>` : '';
  return html`<div class="field field--body" data-body-field><label for="${FIELD_IDS.body}" id="champ-corps-label">Corps de l’article</label><p class="field__hint" id="champ-corps-aide" data-body-hint>Sans JavaScript, le corps se modifie ici sous forme de document JSON (mode dégradé).</p>!${error}<textarea id="${FIELD_IDS.body}" name="body" rows="14" class="body-json" spellcheck="false" aria-describedby="${describedBy}"!${fieldErrors.length ? ' aria-invalid="true"' : ''} data-body-source>${values.body}</textarea></div>`;
}

/** The list of problems at the top, each linking to its field. */
function renderErrorSummary(byField: ReadonlyMap<FieldKey, readonly string[]>, general: readonly string[]): string {
  const items = [
    ...[...byField].flatMap(([field, messages]) => messages.map((m) => html`<li><a href="#${FIELD_IDS[field]}">${m}</a></li>`)),
    ...general.map((m) => html`<li>${m}</li>`),
  ].join('');
  return html`<div class="notice notice--error error-summary" role="alert" tabindex="-1" id="erreurs" aria-labelledby="erreurs-titre"><h2 id="erreurs-titre">L’article n’a pas été enregistré</h2><ul>!${items}</ul></div>`;
}
