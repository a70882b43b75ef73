import { compareInstants } from '../core/text/dates.ts';
import type { Db } from '../core/db/database.ts';
import { type ArticleTeaser, listTeasers, teasersByIds } from '../articles/teaser-repository.ts';
import { type BodyDoc, collectImageIds, parseBody } from '../articles/body/body-schema.ts';
import { getImagesByIds } from '../images/image-repository.ts';
import type { ImageRecord } from '../images/image-types.ts';
import type { FeedScope } from './feed-scope.ts';

/** How many articles a feed lists (the newest). */
export const FEED_LENGTH = 30;

/** An article as a feed shows it: its teaser, plus what only feeds need. */
export interface FeedArticle extends ArticleTeaser {
  /** Never changes: the GUID is made from it and the id. */
  createdAt: string;
  body: BodyDoc;
  bodyImages: Map<number, ImageRecord>;
  tags: { id: number; slug: string; name: string }[];
}

/** The newest public articles of a scope, with bodies, tags and body images. */
export async function loadFeedArticles(db: Db, scope: FeedScope, now: string = new Date().toISOString()): Promise<FeedArticle[]> {
  const teasers =
    'ids' in scope.selection
      ? (await teasersByIds(db, scope.selection.ids, now))
          .sort((a, b) => compareInstants(b.publishedAt, a.publishedAt) || b.id - a.id)
          .slice(0, FEED_LENGTH)
      : await listTeasers(db, scope.selection.filter, { limit: FEED_LENGTH }, now);
  if (teasers.length === 0) return [];
  const ids = teasers.map((t) => t.id);
  const [rows, tags] = await Promise.all([
    db.selectFrom('articles').select(['id', 'body', 'created_at']).where('id', 'in', ids).execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.id', 'tags.slug', 'tags.name'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('article_tags.article_id')
      .orderBy('article_tags.position')
      .execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, { body: parseBody(JSON.parse(r.body)), createdAt: r.created_at }]));
  const images = await getImagesByIds(db, [...new Set([...byId.values()].flatMap((r) => collectImageIds(r.body)))]);
  return teasers.map((teaser) => {
    const row = byId.get(teaser.id)!;
    const bodyImages = new Map(collectImageIds(row.body).flatMap((id) => (images.has(id) ? [[id, images.get(id)!] as const] : [])));
    return {
      ...teaser,
      createdAt: row.createdAt,
      body: row.body,
      bodyImages,
      tags: tags.filter((t) => t.article_id === teaser.id).map(({ id, slug, name }) => ({ id, slug, name })),
    };
  });
}
