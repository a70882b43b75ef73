/**
 * The editor form's values as the person typed them (strings, so a refused form is shown back
 * exactly), and the two conversions around them: form/JSON fields → values, values → the
 * article input the operations validate. The no-JavaScript POST and the autosave island send the
 * same field names, so both go through `valuesFromFields`.
 */
import type { ArticleInputData, FieldIssue } from '../operations/article-input.ts';
import { parseId } from '../../core/input/ids.ts';

export interface CorrectionValue {
  notedAt: string;
  text: string;
}

export interface EditorValues {
  format: string;
  sectionId: string;
  seriesId: string;
  kicker: string;
  headline: string;
  slug: string;
  lead: string;
  /** The body document as JSON text (the textarea's content). */
  body: string;
  heroImageId: string;
  /** Person ids in byline order; empty strings are unused rows. */
  authorPersonIds: string[];
  /** Exact name or slug of someone to append to the byline on save (the selects list only the staff and the current authors). */
  authorLookup: string;
  /** Comma-separated. */
  tags: string;
  sourceOutlet: string;
  sourceUrl: string;
  sourceHeadline: string;
  /** Corrections already noted: shown, never sent (they are permanent; see appendCorrections). */
  corrections: CorrectionValue[];
  /** A new correction to add on an explicit save (never by autosave: a half-typed note would stay for good). */
  newCorrection: string;
  seoTitle: string;
  seoDescription: string;
  commentsSetting: string;
  /** The revision the form was loaded at (optimistic locking); empty for a new article. */
  revision: string;
  /** A new article's draft key: every first save of one "new article" form sends it, so it creates one article only. */
  draftKey: string;
}

/** Form fields as @fastify/formbody or the island give them: repeated names become arrays. */
export type RawFields = Record<string, unknown>;

const first = (value: unknown): string => {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
};
const all = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) =>
    typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '',
  );

/** The values of a submitted form (or of the island's autosave, which sends the same names). */
export function valuesFromFields(fields: RawFields): EditorValues {
  return {
    format: first(fields.format),
    sectionId: first(fields.sectionId),
    seriesId: first(fields.seriesId),
    kicker: first(fields.kicker),
    headline: first(fields.headline),
    slug: first(fields.slug),
    lead: first(fields.lead),
    body: first(fields.body),
    heroImageId: first(fields.heroImageId),
    authorPersonIds: authorOrder(all(fields.authorPersonIds), all(fields.authorPosition)),
    authorLookup: first(fields.authorLookup),
    tags: first(fields.tags),
    sourceOutlet: first(fields.sourceOutlet),
    sourceUrl: first(fields.sourceUrl),
    sourceHeadline: first(fields.sourceHeadline),
    corrections: [],
    newCorrection: first(fields.newCorrection),
    seoTitle: first(fields.seoTitle),
    seoDescription: first(fields.seoDescription),
    commentsSetting: first(fields.commentsSetting),
    revision: first(fields.revision),
    draftKey: first(fields.draftKey).trim(),
  };
}

/**
 * Byline order. Without JavaScript each author row has a position number the person may change;
 * rows are sorted by it (stable, so equal numbers keep the row order). With the island the rows
 * are already in order and the numbers follow them.
 */
function authorOrder(ids: string[], positions: string[]): string[] {
  const rows = ids.map((id, row) => ({ id: id.trim(), row, position: Number.parseInt(positions[row] ?? '', 10) }));
  rows.sort(
    (a, b) =>
      (Number.isFinite(a.position) ? a.position : a.row + 1) - (Number.isFinite(b.position) ? b.position : b.row + 1) || a.row - b.row,
  );
  return rows.map((r) => r.id).filter((id) => id !== '');
}

/** An id typed or chosen in the form: a number, NaN when it is not one (the schema then says so), null when empty. */
function idOrNull(value: string): number | null {
  const text = value.trim();
  if (text === '') return null;
  return parseId(text) ?? Number.NaN;
}

/**
 * The article input for the operations, from the form's values. Corrections are appended by the
 * operations (matched by text), so only the new one is sent, and only when `withNewCorrection`.
 */
export function inputFromValues(
  values: EditorValues,
  options: { withNewCorrection: boolean } = { withNewCorrection: true },
): ArticleInputData {
  const corrections = options.withNewCorrection && values.newCorrection.trim() ? [{ text: values.newCorrection }] : [];
  const source = { outlet: values.sourceOutlet, url: values.sourceUrl, headline: values.sourceHeadline };
  return {
    format: values.format as ArticleInputData['format'],
    sectionId: idOrNull(values.sectionId) ?? Number.NaN,
    seriesId: idOrNull(values.seriesId),
    kicker: values.kicker,
    headline: values.headline,
    slug: values.slug,
    lead: values.lead,
    body: values.body.trim() === '' ? undefined : values.body,
    heroImageId: idOrNull(values.heroImageId),
    authorPersonIds: values.authorPersonIds.map((id) => idOrNull(id) ?? Number.NaN),
    tags: splitTags(values.tags),
    source: source.outlet.trim() || source.url.trim() || source.headline.trim() ? source : null,
    corrections,
    seoTitle: values.seoTitle,
    seoDescription: values.seoDescription,
    commentsSetting: values.commentsSetting as ArticleInputData['commentsSetting'],
  };
}

/** "Corée du Nord, Russie, , diplomatie" → three tags, without duplicates (case-insensitive). */
export function splitTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of text.split(',')) {
    const tag = part.trim().replace(/\s+/g, ' ');
    if (tag && !seen.has(tag.toLocaleLowerCase('fr'))) {
      seen.add(tag.toLocaleLowerCase('fr'));
      tags.push(tag);
    }
  }
  return tags;
}

/** Form fields of the editor, each with the id of its control (errors link to it). */
export const FIELD_IDS = {
  format: 'champ-format',
  sectionId: 'champ-rubrique',
  seriesId: 'champ-serie',
  kicker: 'champ-surtitre',
  headline: 'champ-titre',
  slug: 'champ-adresse',
  lead: 'champ-chapo',
  body: 'champ-corps',
  heroImageId: 'champ-image',
  authorPersonIds: 'champ-auteur-1',
  authorLookup: 'champ-auteur-ajout',
  tags: 'champ-mots-cles',
  sourceOutlet: 'champ-source-media',
  sourceUrl: 'champ-source-adresse',
  sourceHeadline: 'champ-source-titre',
  corrections: 'champ-correction',
  seoTitle: 'champ-seo-titre',
  seoDescription: 'champ-seo-description',
  commentsSetting: 'champ-commentaires',
} as const;

export type FieldKey = keyof typeof FIELD_IDS;

/** Which form field an issue path of the article input ("source.url", "body.content.3", "tags.2") belongs to. */
export function fieldOfIssue(path: string): FieldKey | null {
  const [head, next] = path.split('.');
  if (head === 'source') return next === 'url' ? 'sourceUrl' : next === 'headline' ? 'sourceHeadline' : 'sourceOutlet';
  if (head === 'content') return 'body';
  if (head === '') return null;
  return head in FIELD_IDS ? (head as FieldKey) : null;
}

/** Issues grouped by form field; those that name no field are kept apart for the summary. */
export function groupIssues(issues: readonly FieldIssue[]): { byField: Map<FieldKey, string[]>; general: string[] } {
  const byField = new Map<FieldKey, string[]>();
  const general: string[] = [];
  for (const issue of issues) {
    const field = fieldOfIssue(issue.path);
    if (!field) {
      general.push(issue.message);
      continue;
    }
    const list = byField.get(field) ?? [];
    if (!list.includes(issue.message)) list.push(issue.message);
    byField.set(field, list);
  }
  return { byField, general };
}
