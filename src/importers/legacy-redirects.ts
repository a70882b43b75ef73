import type { FastifyInstance } from 'fastify';
import { isPublicNow } from '../articles/published.ts';
import { articlePath } from '../articles/teaser-repository.ts';
import type { Db } from '../core/db/database.ts';
import type { LegacyRedirectTable } from '../core/db/schema.ts';

// Old addresses of an imported site keep working: each answers 301 to what it became, looked up
// when nothing else answers (404), so ordinary pages pay nothing for it. The target is resolved at
// request time, so a later change of slug or section is followed.

/** The form an old address is stored and looked up in: path without trailing slash, decoded, with its query. */
export function legacyKey(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://ancien.invalid');
  } catch {
    return null;
  }
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.length > 1) path = path.replace(/\/+$/, '');
  // Only the query parameters WordPress addresses by: ?p=12, ?page_id=7, ?cat=3.
  const query = ['p', 'page_id', 'cat']
    .filter((name) => parsed.searchParams.has(name))
    .map((name) => `${name}=${parsed.searchParams.get(name)}`)
    .join('&');
  const key = query ? `${path}?${query}` : path;
  return key.length <= 1000 ? key : null;
}

/** Records that an old address now leads to an article, a page or a section (a second import overwrites). */
export async function saveLegacyRedirect(
  db: Db,
  url: string,
  target: { kind: LegacyRedirectTable['target_kind']; id: number },
): Promise<void> {
  const path = legacyKey(url);
  if (path === null || path === '/') return;
  await db
    .insertInto('legacy_redirects')
    .values({ path, target_kind: target.kind, target_id: target.id, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('path').doUpdateSet({ target_kind: target.kind, target_id: target.id }))
    .execute();
}

/**
 * What WordPress and Ghost hang off a post's or an archive's own address, and links out there
 * still use: its AMP copy, its feed, its embed, a page of it (`/slug/2/`, `/category/x/page/3/`)
 * or of its comments. Such an address leads where its base leads.
 */
const HANGING_SUFFIX = /\/(?:amp|embed|trackback|feed(?:\/(?:rss2?|atom|rdf))?|page\/\d{1,5}|comment-page-\d{1,5}|\d{1,5})$/;

/** Where an old address leads today, or null (unknown, or its article is not public). */
export async function findLegacyTarget(db: Db, url: string): Promise<string | null> {
  const path = legacyKey(url);
  if (path === null) return null;
  const base = path.includes('?') ? null : path.replace(HANGING_SUFFIX, '');
  const candidates = base && base !== path && base.length > 1 ? [path, base] : [path];
  const found = await db
    .selectFrom('legacy_redirects')
    .select(['path', 'target_kind', 'target_id'])
    .where('path', 'in', candidates)
    .execute();
  // The address itself first: a stored /2019/04/25 wins over the /2019/04 its suffix rule would give.
  const redirect = found.find((r) => r.path === path) ?? found[0];
  if (!redirect) return null;
  if (redirect.target_kind === 'article') {
    const article = await db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.slug', 'articles.status', 'articles.published_at', 'sections.slug as sectionSlug'])
      .where('articles.id', '=', redirect.target_id)
      .executeTakeFirst();
    return article && isPublicNow(article) ? articlePath({ sectionSlug: article.sectionSlug, slug: article.slug }) : null;
  }
  const { table, prefix } = TARGETS[redirect.target_kind];
  const row = await db.selectFrom(table).select('slug').where('id', '=', redirect.target_id).executeTakeFirst();
  return row ? `${prefix}${row.slug}` : null;
}

const TARGETS = {
  page: { table: 'pages', prefix: '/' },
  section: { table: 'sections', prefix: '/' },
  person: { table: 'people', prefix: '/auteur/' },
  tag: { table: 'tags', prefix: '/sujet/' },
} as const;

/**
 * `/?p=12`, `/?page_id=7`, `/?cat=3`: the home page's address with a WordPress query answers 301
 * before the page cache, which would otherwise serve la une for them.
 */
export function installLegacyQueryRedirects(app: FastifyInstance, db: Db): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (!/^\/\?(?:.*&)?(?:p|page_id|cat)=/.test(request.url)) return;
    const target = await findLegacyTarget(db, request.url);
    if (target) return reply.redirect(target, 301);
  });
}
