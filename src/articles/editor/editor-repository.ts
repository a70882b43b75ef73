/**
 * What the editor screen reads besides the article (which comes from the operations'
 * getArticleForEdit): the choices its selects offer and the thumbnails of the images it shows.
 */
import type { Db } from '../../core/db/database.ts';
import type { PersonKind } from '../../core/db/schema.ts';
import { imageUrl } from '../../images/image-urls.ts';
import type { ImageRecord } from '../../images/image-types.ts';
import { getImagesByIds } from '../../images/image-repository.ts';
import type { ArticleForEdit } from '../operations/article-for-edit.ts';
import type { EditorValues } from './editor-values.ts';
import { parseId } from '../../core/input/ids.ts';

/** The form's values for a stored article, as the operations give it for editing. */
export function valuesFromState(article: ArticleForEdit): EditorValues {
  const input = article.input;
  return {
    format: input.format,
    sectionId: String(input.sectionId),
    seriesId: input.seriesId === null ? '' : String(input.seriesId),
    kicker: input.kicker,
    headline: input.headline,
    slug: input.slug ?? '',
    lead: input.lead,
    body: JSON.stringify(input.body),
    heroImageId: input.heroImageId === null ? '' : String(input.heroImageId),
    authorPersonIds: (input.authorPersonIds ?? []).map(String),
    authorLookup: '',
    tags: input.tags.join(', '),
    sourceOutlet: input.source?.outlet ?? '',
    sourceUrl: input.source?.url ?? '',
    sourceHeadline: input.source?.headline ?? '',
    corrections: article.corrections.map((c) => ({ notedAt: c.notedAt, text: c.text })),
    newCorrection: '',
    seoTitle: input.seoTitle ?? '',
    seoDescription: input.seoDescription ?? '',
    commentsSetting: input.commentsSetting,
    revision: String(article.revision),
    draftKey: '',
  };
}

/** A person the byline may name. */
export interface PersonChoice {
  id: number;
  name: string;
  kind: PersonKind;
  roleLine: string;
}

/** An image as the editor shows it: a thumbnail, and what publishing needs (alt, credit). */
export interface ImageChoice {
  id: number;
  url: string;
  alt: string;
  caption: string;
  credit: string;
  width: number;
  height: number;
}

/** What the form's selects offer. */
export interface EditorChoices {
  sections: Array<{ id: number; name: string; slug: string }>;
  series: Array<{ id: number; title: string }>;
  people: PersonChoice[];
}

/**
 * Sections in navigation order, series, and by name the people a byline select offers: the staff
 * plus the given people (the current authors, the signed-in writer). Outside contributors can
 * number in the thousands, so they are never all listed.
 */
export async function loadChoices(db: Db, personIds: readonly (number | string | null)[] = []): Promise<EditorChoices> {
  const extra = [...new Set(personIds.map((id) => parseId(typeof id === 'string' ? id.trim() : id)).filter((id) => id !== null))];
  const [sections, series, people] = await Promise.all([
    db.selectFrom('sections').select(['id', 'name', 'slug']).orderBy('position').orderBy('id').execute(),
    db.selectFrom('series').select(['id', 'title']).orderBy('title').orderBy('id').execute(),
    db
      .selectFrom('people')
      .select(['id', 'name', 'kind', 'role_line'])
      .where((eb) => (extra.length ? eb.or([eb('kind', '=', 'staff'), eb('id', 'in', extra)]) : eb('kind', '=', 'staff')))
      .orderBy('name')
      .orderBy('id')
      .execute(),
  ]);
  return { sections, series, people: people.map((p) => ({ id: p.id, name: p.name, kind: p.kind, roleLine: p.role_line })) };
}

/** Thumbnail width used in the editor (the library's smallest variant). */
const THUMBNAIL_WIDTH = 320;

/** The editor's view of an image record. */
export function imageChoice(image: ImageRecord): ImageChoice {
  return {
    id: image.id,
    url: imageUrl(image, THUMBNAIL_WIDTH, 'jpeg'),
    alt: image.alt,
    caption: image.caption,
    credit: image.credit,
    width: image.width,
    height: image.height,
  };
}

/** The images the form refers to (hero and those in the body), by id. */
export async function loadImageChoices(db: Db, ids: number[]): Promise<Map<number, ImageChoice>> {
  const valid = [...new Set(ids.filter((id) => parseId(id) !== null))];
  if (valid.length === 0) return new Map();
  const images = await getImagesByIds(db, valid);
  return new Map([...images].map(([id, image]) => [id, imageChoice(image)]));
}
