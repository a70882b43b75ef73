import type { AppContext } from '../../core/app-context.ts';
import type { Db } from '../../core/db/database.ts';
import { FEED_FORMATS, FEED_TYPES, type FeedKind, feedPath } from '../../feeds/feed-scope.ts';
import { enqueueWebSubPings } from '../../feeds/websub.ts';
import { enqueueIndexNow } from '../../sitemaps/indexnow.ts';
import { isPublicNow } from '../published.ts';
import type { PublicFootprint } from './article-cache.ts';

/**
 * Inside the change's transaction, queues the notifications of a public change: IndexNow for the
 * article's address (old and new), WebSub for every feed that lists it. A draft saved while
 * nobody sees it announces nothing. The jobs are durable: they run after commit, with retries.
 */
export async function announceToCrawlers(
  trx: Db,
  ctx: AppContext,
  before: (PublicFootprint & { row: { slug: string } }) | null,
  after: (PublicFootprint & { row: { slug: string } }) | null,
): Promise<void> {
  const { indexNowKey, webSubHubs, publicUrl } = ctx.config;
  if (!indexNowKey && webSubHubs.length === 0) return;
  const now = new Date().toISOString();
  const visible = [before, after].filter((f): f is NonNullable<typeof f> => f !== null && isPublicNow(f.row, now));
  if (visible.length === 0) return;
  const urls: string[] = [];
  const topics: string[] = [];
  for (const footprint of visible) {
    const slugs = await placeSlugs(trx, footprint);
    urls.push(`${publicUrl}/${slugs.section}/${footprint.row.slug}`);
    const format = Object.entries(FEED_FORMATS).find(([, f]) => f.format === footprint.row.format)?.[0];
    const feeds: [FeedKind, string | null][] = [
      ['home', null],
      ['section', slugs.section],
      ...(format ? [['format', format] as [FeedKind, string]] : []),
      ...slugs.authors.map((s): [FeedKind, string] => ['author', s]),
      ...slugs.tags.map((s): [FeedKind, string] => ['tag', s]),
      ...slugs.dossiers.map((s): [FeedKind, string] => ['dossier', s]),
      ...(slugs.series ? [['series', slugs.series] as [FeedKind, string]] : []),
    ];
    for (const [kind, slug] of feeds) for (const type of FEED_TYPES) topics.push(publicUrl + feedPath(kind, slug, type));
  }
  await enqueueIndexNow(trx, ctx.config, urls);
  await enqueueWebSubPings(trx, ctx.config, topics);
}

async function placeSlugs(db: Db, f: PublicFootprint) {
  const [section, authors, tags, dossiers, series] = await Promise.all([
    db.selectFrom('sections').select('slug').where('id', '=', f.row.section_id).executeTakeFirst(),
    f.authorPersonIds.length
      ? db
          .selectFrom('people')
          .select('slug')
          .where('id', 'in', [...f.authorPersonIds])
          .execute()
      : [],
    f.tagIds.length
      ? db
          .selectFrom('tags')
          .select('slug')
          .where('id', 'in', [...f.tagIds])
          .execute()
      : [],
    f.dossierIds.length
      ? db
          .selectFrom('dossiers')
          .select('slug')
          .where('id', 'in', [...f.dossierIds])
          .execute()
      : [],
    f.row.series_id === null ? undefined : db.selectFrom('series').select('slug').where('id', '=', f.row.series_id).executeTakeFirst(),
  ]);
  return {
    section: section?.slug ?? '',
    authors: authors.map((a) => a.slug),
    tags: tags.map((t) => t.slug),
    dossiers: dossiers.map((d) => d.slug),
    series: series?.slug ?? null,
  };
}
