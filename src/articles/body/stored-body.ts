/**
 * The article body as the public page shows it, rendered once and stored beside the document
 * (articles.body_html, migration 20261205T0501): French typography, escaping, heading anchors and
 * embeds cost nothing on a read. Images stay placeholders, filled in at read time, because their
 * credit, alt text and variants belong to the media library and change on their own.
 *
 * The stored text is valid only for one body, one renderer and one site origin: its key is the
 * renderer version plus a hash of the body JSON and the origin. Any writer (the editor, the API,
 * an importer, a test updating a row by hand) that changes the body makes the key stale, and the
 * next read renders again. Rejected: clearing the column in every writer (one will forget it), or
 * triggers on both engines (the hash check is as exact and lives in one place).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../core/db/database.ts';
import { type BodyDoc, wordCount } from './body-schema.ts';
import { renderBody } from './render-body.ts';

/**
 * Bump when the renderer's output changes (render-body.ts, typography, the page's reserved ids):
 * every stored body is then rendered again on its next read.
 */
export const BODY_RENDERER_VERSION = 1;

/** Ids the article page itself uses, which heading anchors of the body must not take. */
export const ARTICLE_PAGE_IDS = ['contenu', 'partage-titre', 'commentaires', 'corrections', 'a-lire-aussi', 'pied-rubriques', 'pied-infos'];

/** The body rendered for the article page, images as placeholders, with its word count. */
export interface StoredBody {
  html: string;
  words: number;
}

/** The columns that hold a stored body. */
export interface StoredBodyColumns {
  body_html: string;
  body_html_key: string;
  body_words: number;
}

/**
 * A placeholder no body text can produce: text and attributes are escaped, so "<!--" only ever
 * comes from here; the caption is URI-encoded, so it holds no ">".
 */
const IMAGE_PLACEHOLDER = /<!--kiosque-image:(\d+):(inline|wide):([^>]*)-->/g;

/** The key a stored body must carry to be shown for this body JSON on this site. */
export function storedBodyKey(bodyJson: string, siteOrigin: string): string {
  const hash = createHash('sha1').update(bodyJson).update('\n').update(siteOrigin).digest('base64url');
  return `${BODY_RENDERER_VERSION}:${hash}`;
}

/** Renders a parsed body for storage: the article page's HTML with image placeholders. */
export function renderStoredBody(body: BodyDoc, siteOrigin: string): StoredBody {
  const html = renderBody(body, {
    renderImage: (imageId, { caption, size }) => `<!--kiosque-image:${imageId}:${size}:${encodeURIComponent(caption ?? '')}-->`,
    reservedIds: ARTICLE_PAGE_IDS,
    siteOrigin,
  });
  return { html, words: wordCount(body) };
}

/** The columns to write for a body (at save time, or after a read found them stale). */
export function storedBodyColumns(bodyJson: string, body: BodyDoc, siteOrigin: string): StoredBodyColumns {
  const stored = renderStoredBody(body, siteOrigin);
  return { body_html: stored.html, body_html_key: storedBodyKey(bodyJson, siteOrigin), body_words: stored.words };
}

/** The stored body of a row when it was rendered from this very body, renderer and origin; null otherwise. */
export function validStoredBody(
  row: { body: string; body_html: string | null; body_html_key: string | null; body_words: number | null },
  siteOrigin: string,
): StoredBody | null {
  if (row.body_html === null || row.body_html_key === null || row.body_words === null) return null;
  if (row.body_html_key !== storedBodyKey(row.body, siteOrigin)) return null;
  return { html: row.body_html, words: row.body_words };
}

/** Ids of the images a stored body shows, in order. */
export function storedBodyImageIds(html: string): number[] {
  return [...new Set(Array.from(html.matchAll(IMAGE_PLACEHOLDER), (m) => Number(m[1])))];
}

/** The final HTML: each placeholder replaced by the figure renderImage gives ('' for an image gone). */
export function fillStoredBody(
  html: string,
  renderImage: (imageId: number, opts: { caption?: string; size: 'inline' | 'wide' }) => string,
): string {
  return html.replace(IMAGE_PLACEHOLDER, (_m, id: string, size: 'inline' | 'wide', caption: string) =>
    renderImage(Number(id), { caption: caption ? decodeURIComponent(caption) : undefined, size }),
  );
}

/**
 * Writes a freshly rendered body back, for the next reads. The key makes it safe without a
 * transaction: if the body changed meanwhile, the row's key no longer matches and the next read
 * renders again (and the body is compared, so a save in between is not overwritten). A failure (a read-only replica, a busy SQLite file) only costs that render.
 */
export function rememberStoredBody(db: Db, articleId: number, bodyJson: string, columns: StoredBodyColumns): Promise<void> {
  return db
    .updateTable('articles')
    .set(columns)
    .where('id', '=', articleId)
    .where('body', '=', bodyJson)
    .execute()
    .then(
      () => undefined,
      () => undefined,
    );
}
