/**
 * The structured fields of the editor form, one function per group. Each works without
 * JavaScript; the `data-*` hooks are where the islands attach (authors list, image picker,
 * counters, live previews).
 */
import { html } from '../../core/html/html.ts';
import { formatDateTimeFr } from '../../core/text/dates.ts';
import { ARTICLE_LIMITS } from '../operations/article-input.ts';
import { renderOptions, type SelectOption, textArea, textField } from './editor-fields.ts';
import type { EditorChoices, ImageChoice } from './editor-repository.ts';
import { FIELD_IDS, type EditorValues, type FieldKey } from './editor-values.ts';

export type FieldErrors = ReadonlyMap<FieldKey, readonly string[]>;

/** Byline rows shown without JavaScript: the current authors and at least one empty row to add someone. */
function authorRowCount(values: EditorValues): number {
  return Math.max(values.authorPersonIds.length + 1, 2);
}

/**
 * People grouped as the newsroom thinks of them: staff first, then the outside contributors
 * loaded for this form (those already in the byline — not all of them, see loadChoices).
 */
function peopleChoices(choices: EditorChoices): Array<SelectOption | { group: string; choices: SelectOption[] }> {
  const option = (p: EditorChoices['people'][number]) => ({
    value: String(p.id),
    label: p.roleLine ? `${p.name} — ${p.roleLine}` : p.name,
  });
  const groups = [
    { group: 'Rédaction', choices: choices.people.filter((p) => p.kind === 'staff').map(option) },
    { group: 'Contributeurs', choices: choices.people.filter((p) => p.kind !== 'staff').map(option) },
  ].filter((g) => g.choices.length > 0);
  return [{ value: '', label: '— Personne —' }, ...groups];
}

/** "Ajouter un contributeur": an exact name or slug resolved on save; the island turns it into a search combobox. */
function renderAuthorLookup(values: EditorValues, errors: FieldErrors): string {
  const field = textField({
    id: FIELD_IDS.authorLookup,
    name: 'authorLookup',
    label: 'Ajouter un contributeur',
    value: values.authorLookup,
    hint: 'nom exact ou identifiant (slug) d’un contributeur',
    errors: errors.get('authorLookup'),
    className: 'author-lookup',
  });
  return html`<div class="author-lookup__wrap" data-author-lookup>!${field}</div>`;
}

/** The ordered byline: one select per row, with a rank number for reordering without JavaScript. */
export function renderAuthorsField(values: EditorValues, choices: EditorChoices, errors: FieldErrors): string {
  const fieldErrors = errors.get('authorPersonIds') ?? [];
  const people = peopleChoices(choices);
  const rows = Array.from({ length: authorRowCount(values) }, (_, i) => {
    const id = `champ-auteur-${i + 1}`;
    const describedBy = ['champ-auteurs-aide', ...(fieldErrors.length ? ['champ-auteurs-erreur'] : [])].join(' ');
    return html`<li class="author-row" data-author-row><label class="author-row__label" for="${id}">Auteur ${String(i + 1)}</label><select id="${id}" name="authorPersonIds" aria-describedby="${describedBy}"!${fieldErrors.length ? ' aria-invalid="true"' : ''}>!${renderOptions(people as never, values.authorPersonIds[i] ?? '')}</select><span class="author-row__rank"><label for="${id}-rang">Rang</label><input type="number" id="${id}-rang" name="authorPosition" value="${String(i + 1)}" min="1" max="${String(ARTICLE_LIMITS.authors)}" inputmode="numeric"></span></li>`;
  }).join('');
  const error = fieldErrors.length ? html`<p class="field__error" id="champ-auteurs-erreur">${fieldErrors.join(' ')}</p>` : '';
  return html`<fieldset class="field authors-field" data-authors-field><legend>Auteurs</legend><p class="field__hint" id="champ-auteurs-aide">Dans l’ordre de la signature : journalistes de la rédaction ou contributeurs. Changez le rang pour réordonner.</p>!${error}<ol class="author-rows" data-author-rows>!${rows}</ol>!${renderAuthorLookup(values, errors)}</fieldset>`;
}

/** The hero image: its thumbnail, alt text and credit, and the library number (the picker island fills it). */
export function renderHeroField(values: EditorValues, hero: ImageChoice | null, errors: FieldErrors): string {
  const fieldErrors = errors.get('heroImageId') ?? [];
  const missing = hero ? [!hero.alt.trim() && 'texte alternatif', !hero.credit.trim() && 'crédit'].filter(Boolean) : [];
  const warning = missing.length
    ? html`<p class="field__warning" data-hero-warning>À compléter dans la médiathèque avant publication : ${missing.join(' et ')}.</p>`
    : html`<p class="field__warning" data-hero-warning hidden></p>`;
  const preview = hero
    ? html`<figure class="hero-field__figure"><img src="${hero.url}" alt="" width="${String(hero.width)}" height="${String(hero.height)}" data-hero-thumb><figcaption><span class="hero-field__meta"><b>Texte alternatif :</b> <span data-hero-alt>${hero.alt || '(manquant)'}</span></span><span class="hero-field__meta"><b>Crédit :</b> <span data-hero-credit>${hero.credit || '(manquant)'}</span></span></figcaption></figure>`
    : html`<p class="hero-field__empty" data-hero-empty>Aucune image choisie.</p>`;
  const describedBy = ['champ-image-aide', ...(fieldErrors.length ? ['champ-image-erreur'] : [])].join(' ');
  const error = fieldErrors.length ? html`<p class="field__error" id="champ-image-erreur">${fieldErrors.join(' ')}</p>` : '';
  return html`<fieldset class="field hero-field" data-hero-field><legend>Image principale</legend><p class="field__hint" id="champ-image-aide">Le crédit et le texte alternatif sont obligatoires avant de publier.</p>!${error}<div class="hero-field__preview" data-hero-preview>!${preview}</div>!${warning}<div class="hero-field__number"><label for="${FIELD_IDS.heroImageId}">Numéro dans la médiathèque</label><input type="number" id="${FIELD_IDS.heroImageId}" name="heroImageId" value="${values.heroImageId}" min="1" inputmode="numeric" aria-describedby="${describedBy}"!${fieldErrors.length ? ' aria-invalid="true"' : ''} data-hero-input> <a href="/admin/medias" class="hero-field__library">Voir la médiathèque</a></div></fieldset>`;
}

/** The other outlet a piece is based on. */
export function renderSourceFields(values: EditorValues, errors: FieldErrors): string {
  return html`<fieldset class="editor-group"><legend class="editor-group__title">Source</legend><p class="field__hint">Obligatoire pour une pépite : le média, l’adresse de l’article et son titre original.</p><div class="editor-grid">!${textField({ id: FIELD_IDS.sourceOutlet, name: 'sourceOutlet', label: 'Média', value: values.sourceOutlet, errors: errors.get('sourceOutlet'), counter: { max: ARTICLE_LIMITS.sourceOutlet } })}!${textField({ id: FIELD_IDS.sourceUrl, name: 'sourceUrl', label: 'Adresse de l’article source', type: 'url', value: values.sourceUrl, hint: 'https://…', errors: errors.get('sourceUrl') })}</div>!${textField({ id: FIELD_IDS.sourceHeadline, name: 'sourceHeadline', label: 'Titre original', value: values.sourceHeadline, errors: errors.get('sourceHeadline'), counter: { max: ARTICLE_LIMITS.sourceHeadline } })}</fieldset>`;
}

/** Corrections already noted (permanent, listed with their dates) and a field for a new one. */
export function renderCorrectionsFields(values: EditorValues, errors: FieldErrors): string {
  const existing = values.corrections
    .map((c) => html`<li><time datetime="${c.notedAt}">${formatDateTimeFr(c.notedAt)}</time> — ${c.text}</li>`)
    .join('');
  const list = existing
    ? html`<ol class="corrections-list">!${existing}</ol>`
    : html`<p class="field__hint">Aucune correction pour l’instant.</p>`;
  return html`<fieldset class="editor-group"><legend class="editor-group__title">Corrections</legend>!${list}!${textArea({ id: FIELD_IDS.corrections, name: 'newCorrection', label: 'Ajouter une correction', value: values.newCorrection, rows: 2, hint: 'Note datée affichée sous l’article, ajoutée quand vous cliquez sur « Enregistrer » (jamais par l’enregistrement automatique) ; elle ne peut plus être retirée.', errors: errors.get('corrections'), counter: { max: ARTICLE_LIMITS.correction } })}</fieldset>`;
}
