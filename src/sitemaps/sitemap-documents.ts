import { listArchivedNewsletters } from '../newsletters/newsletter-repository.ts';
import { archivePath, NEWSLETTERS_TAG } from '../newsletters/signup-block.ts';
import type { Db, Dialect } from '../core/db/database.ts';
import { imageVariant } from '../images/image-urls.ts';
import {
  listArticleMonths,
  listAuthorEntries,
  listDossierEntries,
  listMonthArticles,
  listPageEntries,
  listRecentArticles,
  listSectionEntries,
  listSeriesEntries,
  listTagEntries,
  type ListFootprint,
  newestPublicChange,
  countRows,
  type SitemapArticle,
  type SitemapEntry,
} from './sitemap-repository.ts';
import { newsEntry, SITEMAP_MAX_URLS, sitemapIndex, URLSET_END, urlEntry, urlsetStart, videoEntry } from './sitemap-xml.ts';
import { getImagesByIds } from '../images/image-repository.ts';
import { mediaFilePath } from '../media/image-usage.ts';
import { EMBED_PLAYER_URLS } from '../podcasts/video-section.ts';
import { listPublicVideos } from '../podcasts/video-repository.ts';

/** A generated sitemap file: its XML, its page-cache tags and when its content last changed. */
export interface SitemapDocument {
  xml: string;
  tags: string[];
  lastModified: string | null;
}

/**
 * The lists other than articles, by file name (each split in parts of 50,000 like the months).
 * `index`: how the sitemap index dates the list without listing it: the table it is drawn from,
 * and which public articles it follows (sections are all listed, even empty ones; dossiers are
 * few and listed in full).
 */
const LISTS = {
  rubriques: { load: listSectionEntries, tag: (id: number) => `section:${id}`, index: { table: 'sections', footprint: 'any', all: true } },
  auteurs: { load: listAuthorEntries, tag: (id: number) => `person:${id}`, index: { table: 'people', footprint: 'authors', all: false } },
  sujets: { load: listTagEntries, tag: (id: number) => `tag:${id}`, index: { table: 'tags', footprint: 'tags', all: false } },
  dossiers: { load: listDossierEntries, tag: (id: number) => `dossier:${id}`, index: null },
  series: { load: listSeriesEntries, tag: (id: number) => `series:${id}`, index: { table: 'series', footprint: 'series', all: false } },
} as const satisfies Record<
  string,
  {
    load: (db: Db, now: string) => Promise<(SitemapEntry & { id: number })[]>;
    tag: (id: number) => string;
    index: { table: 'sections' | 'people' | 'tags' | 'series'; footprint: ListFootprint; all: boolean } | null;
  }
>;
type ListName = keyof typeof LISTS;

/** Google News wants the articles of the last two days only, at most 1,000 per file. */
const NEWS_WINDOW_MS = 48 * 3600_000;
const NEWS_MAX_URLS = 1_000;
/** Rows read per query while writing a month: memory stays flat whatever the month's size. */
const CHUNK = 5_000;
const IMAGE_WIDTH = 1280;

/** The path of a sitemap file; part 1 has no number. */
export function sitemapPath(name: string, part = 1): string {
  return `/sitemaps/${name}${part > 1 ? `-${part}` : ''}.xml`;
}

const FILE =
  /^(?:articles-(\d{4}-(?:0[1-9]|1[0-2]))|(rubriques|auteurs|sujets|dossiers|series|pages|actualites|videos))(?:-([2-9]|[1-9]\d{1,4}))?\.xml$/;

/** What a sitemap file name asks for, or null when it is not one of ours. */
export function parseSitemapFile(
  file: string,
): { month: string; part: number } | { list: ListName | 'pages' | 'actualites' | 'videos'; part: number } | null {
  const match = FILE.exec(file);
  if (!match) return null;
  const part = match[3] ? Number(match[3]) : 1;
  if (match[1]) return { month: match[1], part };
  return { list: match[2] as ListName | 'pages' | 'actualites' | 'videos', part };
}

/** /sitemap.xml: every sitemap file with the last change of what it lists. */
export async function buildSitemapIndex(db: Db, dialect: Dialect, publicUrl: string, now: string): Promise<SitemapDocument> {
  const [months, pages, ...lists] = await Promise.all([
    listArticleMonths(db, dialect, now),
    staticEntries(db),
    ...(Object.keys(LISTS) as ListName[]).map(async (name) => ({ name, parts: await indexParts(db, dialect, name, now) })),
  ]);
  const sitemaps: { loc: string; lastmod: string | null }[] = [];
  sitemaps.push({ loc: publicUrl + sitemapPath('actualites'), lastmod: months[0]?.lastmod ?? null });
  for (const m of months)
    for (let part = 1; part <= Math.ceil(m.count / SITEMAP_MAX_URLS); part++)
      sitemaps.push({ loc: publicUrl + sitemapPath(`articles-${m.month}`, part), lastmod: m.lastmod });
  for (const { name, parts } of lists)
    parts.forEach((lastmod, i) => {
      sitemaps.push({ loc: publicUrl + sitemapPath(name, i + 1), lastmod });
    });
  sitemaps.push({ loc: publicUrl + sitemapPath('pages'), lastmod: newest(pages) });
  sitemaps.push({ loc: publicUrl + sitemapPath('videos'), lastmod: months[0]?.lastmod ?? null });
  // Any public article change drops 'home'; section, dossier and series changes do too.
  return { xml: sitemapIndex(sitemaps), tags: ['home'], lastModified: newest(sitemaps) };
}

/**
 * The last change of each part of a list, for the index. A list that fits one file is dated by
 * the newest public change it follows, read from an index (listing 5,000 tags with the last change
 * of each read 290,000 links at 100,000 articles); a larger one is listed to split it exactly.
 */
async function indexParts(db: Db, dialect: Dialect, name: ListName, now: string): Promise<(string | null)[]> {
  const list = LISTS[name];
  const summary = list.index;
  const rows = summary ? await countRows(db, summary.table) : Number.POSITIVE_INFINITY;
  if (summary && rows <= SITEMAP_MAX_URLS) {
    const lastmod = await newestPublicChange(db, dialect, now, summary.footprint);
    return (summary.all ? rows > 0 : lastmod !== null) ? [lastmod] : [];
  }
  const entries = await list.load(db, now);
  return Array.from({ length: Math.ceil(entries.length / SITEMAP_MAX_URLS) }, (_, i) => newest(partOf(entries, i + 1)));
}

/** The articles of one month (one part of 50,000), each with its hero image and caption. */
export async function buildMonthSitemap(
  db: Db,
  publicUrl: string,
  month: string,
  part: number,
  now: string,
): Promise<SitemapDocument | null> {
  const pieces = [urlsetStart({ images: true })];
  let lastModified: string | null = null;
  let count = 0;
  for (let offset = (part - 1) * SITEMAP_MAX_URLS; count < SITEMAP_MAX_URLS; offset += CHUNK) {
    const rows = await listMonthArticles(db, month, now, { limit: Math.min(CHUNK, SITEMAP_MAX_URLS - count), offset });
    for (const article of rows) {
      pieces.push(articleEntry(publicUrl, article));
      if (lastModified === null || article.lastmod > lastModified) lastModified = article.lastmod;
    }
    count += rows.length;
    if (rows.length < CHUNK) break;
  }
  if (count === 0) return null;
  pieces.push(URLSET_END);
  return { xml: pieces.join(''), tags: [`month:${month}`], lastModified };
}

/** A list other than articles (sections, authors, tags, dossiers, series, static pages). */
export async function buildListSitemap(
  db: Db,
  publicUrl: string,
  list: ListName | 'pages',
  part: number,
  now: string,
): Promise<SitemapDocument | null> {
  const all = list === 'pages' ? await staticEntries(db) : await LISTS[list].load(db, now);
  const entries = partOf(all, part);
  if (entries.length === 0 && part > 1) return null;
  const xml = [urlsetStart(), ...entries.map((e) => urlEntry(publicUrl + e.path, e.lastmod)), URLSET_END].join('');
  const tags =
    list === 'pages'
      ? ['home', NEWSLETTERS_TAG, ...all.flatMap((e) => (e.id > 0 ? [`page:${e.id}`] : []))]
      : ['home', ...entries.map((e) => LISTS[list].tag(e.id))];
  return { xml, tags, lastModified: newest(entries) };
}

/** The Google News sitemap: articles of the last 48 hours, newest first. */
export async function buildNewsSitemap(db: Db, publicUrl: string, publicationName: string, now: string): Promise<SitemapDocument> {
  const since = new Date(Date.parse(now) - NEWS_WINDOW_MS).toISOString();
  const articles = await listRecentArticles(db, since, now, NEWS_MAX_URLS);
  const xml = [
    urlsetStart({ news: true }),
    ...articles.map((a) => newsEntry(publicUrl + articlePath(a), { publicationName, publishedAt: a.publishedAt, title: a.headline })),
    URLSET_END,
  ].join('');
  return { xml, tags: ['home'], lastModified: newest(articles) };
}

/** The video sitemap: public video articles (hosted file or embed player), newest first. */
export async function buildVideoSitemap(db: Db, publicUrl: string, now: string): Promise<SitemapDocument> {
  const videos = await listPublicVideos(db, now, SITEMAP_MAX_URLS);
  const images = await getImagesByIds(
    db,
    videos.flatMap((v) => [v.posterImageId, v.heroImageId]).filter((id): id is number => id !== null),
  );
  const entries = videos.flatMap((v) => {
    const thumb = images.get(v.posterImageId ?? -1) ?? images.get(v.heroImageId ?? -1);
    const player = v.embedProvider && v.embedId ? EMBED_PLAYER_URLS[v.embedProvider](v.embedId) : null;
    // Google needs a thumbnail, and the file or the player.
    if (!thumb || (!v.video && !player)) return [];
    return [
      videoEntry(publicUrl + articlePath(v), {
        thumbnailLoc: publicUrl + imageVariant(thumb, IMAGE_WIDTH, 'jpeg', '16x9').url,
        title: v.headline,
        description: v.lead || v.headline,
        contentLoc: v.video ? publicUrl + mediaFilePath(v.video.fileKey) : null,
        playerLoc: player,
        durationSeconds: v.video?.durationSeconds ?? null,
        publishedAt: v.publishedAt,
      }),
    ];
  });
  const xml = [urlsetStart({ videos: true }), ...entries, URLSET_END].join('');
  return {
    xml,
    tags: ['home', 'format:video', ...videos.map((v) => `article:${v.id}`)],
    lastModified: newest(videos.map((v) => ({ lastmod: v.updatedAt ?? v.publishedAt }))),
  };
}

function articleEntry(publicUrl: string, article: SitemapArticle): string {
  const image = article.heroImage;
  const images = image
    ? [
        {
          loc: publicUrl + imageVariant(image, IMAGE_WIDTH, 'jpeg', '16x9').url,
          caption: [image.caption || image.alt, image.credit ? `(${image.credit})` : ''].filter(Boolean).join(' '),
        },
      ]
    : [];
  return urlEntry(publicUrl + articlePath(article), article.lastmod, images);
}

function articlePath(a: { sectionSlug: string; slug: string }): string {
  return `/${a.sectionSlug}/${a.slug}`;
}

async function staticEntries(db: Db): Promise<(SitemapEntry & { id: number })[]> {
  const [pages, archives] = await Promise.all([listPageEntries(db), listArchivedNewsletters(db)]);
  // Newsletters' public archives: the list pages (each links its editions).
  const archiveEntries = archives.map((n) => ({ id: 0, path: archivePath(n), lastmod: null }));
  return [{ id: 0, path: '/', lastmod: null }, { id: 0, path: '/flux', lastmod: null }, ...pages, ...archiveEntries];
}

function partOf<T>(entries: T[], part: number): T[] {
  return entries.slice((part - 1) * SITEMAP_MAX_URLS, part * SITEMAP_MAX_URLS);
}

function newest(entries: { lastmod: string | null }[]): string | null {
  let latest: string | null = null;
  for (const e of entries) if (e.lastmod && (latest === null || e.lastmod > latest)) latest = e.lastmod;
  return latest;
}
