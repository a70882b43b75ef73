/**
 * Two versions of an article side by side, field by field, for the conflict screen (theirs and
 * yours) and the revision screen (that revision and the current one). The body is compared as
 * plain-text paragraphs; rewritten paragraphs show their removed and added words.
 */
import { html } from '../../core/html/html.ts';
import { bodyToPlainText, parseBody } from '../body/body-schema.ts';
import type { ArticleInput } from '../operations/article-input.ts';
import { FORMAT_CHOICES, COMMENTS_CHOICES } from './editor-labels.ts';
import type { EditorChoices } from './editor-repository.ts';
import { type DiffPart, diffParagraphs } from './text-diff.ts';

export interface ComparedVersion {
  /** Column heading: "Leur version (version 7)", "Votre version". */
  label: string;
  /** A line under it: who saved it and when. */
  caption?: string;
  input: ArticleInput;
}

interface FieldText {
  label: string;
  left: string;
  right: string;
}

/** The body's plain text; a body that does not read is shown as such rather than failing the page. */
function bodyText(body: unknown): string {
  try {
    return bodyToPlainText(parseBody(body));
  } catch {
    return '(corps illisible)';
  }
}

/** Every compared field as display text for each side. */
function fieldTexts(left: ArticleInput, right: ArticleInput, choices: EditorChoices): FieldText[] {
  const section = (id: number) => choices.sections.find((s) => s.id === id)?.name ?? `Rubrique n° ${id}`;
  const series = (id: number | null) => (id === null ? '' : (choices.series.find((s) => s.id === id)?.title ?? `Série n° ${id}`));
  const person = (id: number) => choices.people.find((p) => p.id === id)?.name ?? `Personne n° ${id}`;
  const label = (list: readonly { value: string; label: string }[], value: string) => list.find((c) => c.value === value)?.label ?? value;
  const both = (name: string, get: (input: ArticleInput) => string): FieldText => ({ label: name, left: get(left), right: get(right) });
  return [
    both('Format', (i) => label(FORMAT_CHOICES, i.format)),
    both('Rubrique', (i) => section(i.sectionId)),
    both('Série', (i) => series(i.seriesId)),
    both('Surtitre', (i) => i.kicker),
    both('Titre', (i) => i.headline),
    both('Adresse', (i) => i.slug ?? ''),
    both('Chapô', (i) => i.lead),
    both('Auteurs', (i) => (i.authorPersonIds ?? []).map(person).join(', ')),
    both('Image principale', (i) => (i.heroImageId === null ? '' : `Image n° ${i.heroImageId}`)),
    both('Mots-clés', (i) => i.tags.join(', ')),
    both('Source', (i) => (i.source ? [i.source.outlet, i.source.headline, i.source.url].filter(Boolean).join(' — ') : '')),
    both('Titre pour les moteurs', (i) => i.seoTitle ?? ''),
    both('Description', (i) => i.seoDescription ?? ''),
    both('Commentaires', (i) => label(COMMENTS_CHOICES, i.commentsSetting)),
  ];
}

const EMPTY = html`<span class="compare__empty">(vide)</span>`;

function words(parts: DiffPart<string>[], side: 'left' | 'right'): string {
  return parts
    .map((part) => {
      if (part.kind === 'same') return html`${part.value}`;
      if (side === 'left' && part.kind === 'removed') return html`<del><span class="visually-hidden">[supprimé] </span>${part.value}</del>`;
      if (side === 'right' && part.kind === 'added') return html`<ins><span class="visually-hidden">[ajouté] </span>${part.value}</ins>`;
      return '';
    })
    .join('');
}

/** The body of each side, paragraph by paragraph, with what the other side lacks marked. */
function bodyColumns(leftText: string, rightText: string): { left: string; right: string } {
  const changes = diffParagraphs(leftText, rightText);
  let left = '';
  let right = '';
  for (const change of changes) {
    if (change.kind === 'same') {
      left += html`<p>${change.text}</p>`;
      right += html`<p>${change.text}</p>`;
    } else if (change.kind === 'removed') {
      left += html`<p class="compare__removed"><del><span class="visually-hidden">[paragraphe supprimé] </span>${change.text}</del></p>`;
    } else if (change.kind === 'added') {
      right += html`<p class="compare__added"><ins><span class="visually-hidden">[paragraphe ajouté] </span>${change.text}</ins></p>`;
    } else {
      left += html`<p class="compare__changed">!${words(change.words, 'left')}</p>`;
      right += html`<p class="compare__changed">!${words(change.words, 'right')}</p>`;
    }
  }
  return { left: left || EMPTY, right: right || EMPTY };
}

/** Number of fields that differ (the body counts as one). */
export function countDifferences(left: ArticleInput, right: ArticleInput, choices: EditorChoices): number {
  const fields = fieldTexts(left, right, choices).filter((f) => f.left !== f.right).length;
  return fields + (bodyText(left.body) === bodyText(right.body) ? 0 : 1);
}

/** The comparison: one block per field, changed ones marked, the body last. */
export function renderComparison(left: ComparedVersion, right: ComparedVersion, choices: EditorChoices): string {
  const head = (v: ComparedVersion) =>
    html`<span class="compare__version">${v.label}</span>!${v.caption ? html`<span class="compare__caption">${v.caption}</span>` : ''}`;
  const rows = fieldTexts(left.input, right.input, choices)
    .map((f) => {
      const value = (text: string) => (text ? html`${text}` : EMPTY);
      // Unchanged fields are shown once, so the differences stand out (and phones scroll less).
      if (f.left === f.right) {
        return html`<div class="compare__row compare__row--same"><h3 class="compare__field">${f.label}</h3><div class="compare__cell compare__cell--same"><span class="compare__side">Identique</span>!${value(f.left)}</div></div>`;
      }
      return html`<div class="compare__row compare__row--changed"><h3 class="compare__field">${f.label} <span class="badge badge--changed">modifié</span></h3><div class="compare__cell"><span class="compare__side">${left.label}</span>!${value(f.left)}</div><div class="compare__cell"><span class="compare__side">${right.label}</span>!${value(f.right)}</div></div>`;
    })
    .join('');
  const leftBody = bodyText(left.input.body);
  const rightBody = bodyText(right.input.body);
  const body = bodyColumns(leftBody, rightBody);
  const bodyChanged = leftBody !== rightBody;
  const bodyRow = html`<div class="compare__row compare__row--body!${bodyChanged ? ' compare__row--changed' : ''}"><h3 class="compare__field">Corps!${bodyChanged ? ' <span class="badge badge--changed">modifié</span>' : ''}</h3><div class="compare__cell compare__prose"><span class="compare__side">${left.label}</span>!${body.left}</div><div class="compare__cell compare__prose"><span class="compare__side">${right.label}</span>!${body.right}</div></div>`;
  return html`<div class="compare"><div class="compare__heads"><p>!${head(left)}</p><p>!${head(right)}</p></div>!${rows}!${bodyRow}</div>`;
}
