import fs from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '../../accounts/policy.ts';
import type { AppContext } from '../../core/app-context.ts';
import { slugify } from '../../core/text/slug.ts';
import { type ImportReport, type ImportRunOptions, plain, plainParagraphs, startImport } from '../import-session.ts';
import { ghostPostHtml } from './ghost-content.ts';
import { type GhostPost, type GhostTag, ghostSetting, readGhostExport } from './ghost-export.ts';
import { type ChosenTarget, importGhostMembers, type NewsletterMap, newsletterMapOf } from './ghost-members.ts';

// `npm run kiosque -- import:ghost export.json`: a whole Ghost site. The file is read and checked
// (zod) before anything is written. Ghost has tags only: a post's primary tag (its first public
// one) becomes its section, the others its tags; internal tags (#…) stay behind. Authors come
// with their bio and portrait; the featured post goes on la une. Old addresses (/slug/,
// /tag/slug/, /author/slug/) answer 301. Posts reserved to members are imported as drafts.
// Members become subscribers of the newsletters chosen or matched (ghost-members.ts).

export interface GhostImportOptions extends ImportRunOptions {
  file: string;
  /** The export's content/images folder, where images are looked for first. */
  imagesDir?: string;
  /** The old site's address: replaces __GHOST_URL__ in image addresses (to fetch them). */
  siteUrl?: string;
  /** Where each Ghost newsletter's subscribers go (chosen in the back office); the others get the proposed target. */
  newsletterMap?: NewsletterMap;
  /** The same chosen on the command line, by slugs, checked against the export before anything is written. */
  newsletterChoices?: readonly { ghost: string; target: ChosenTarget }[];
}

const PLACEHOLDER = '__GHOST_URL__';
const STATUSES: Record<string, 'published' | 'future' | 'draft'> = {
  published: 'published',
  scheduled: 'future',
  draft: 'draft',
  sent: 'draft',
};

const isPublicTag = (tag: GhostTag) => tag.visibility === 'public' && !tag.name.startsWith('#');

/** content/images/2021/03/photo.jpg (or its size/w600/ copy) in the export's images folder, or null. */
async function fromImagesFolder(imagesDir: string | undefined, url: URL): Promise<Buffer | null> {
  const at = url.pathname.indexOf('/content/images/');
  if (!imagesDir || at < 0) return null;
  let relative = url.pathname.slice(at + '/content/images/'.length).replace(/^size\/w\d+(?:h\d+)?\//, '');
  try {
    relative = decodeURIComponent(relative);
  } catch {
    // kept as written
  }
  const root = path.resolve(imagesDir);
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep)) return null;
  return fs.readFile(file).catch(() => null);
}

/** Imports (or with dryRun, reads and reports) a Ghost export. */
export async function importGhost(ctx: AppContext, actor: Actor, options: GhostImportOptions): Promise<ImportReport> {
  const { version, data } = await readGhostExport(options.file);
  const siteUrl = (options.siteUrl ?? 'https://ancien-site.invalid').replace(/\/+$/, '');
  const siteTitle = ghostSetting(data, 'title');
  const newsletterMap = options.newsletterChoices?.length
    ? await newsletterMapOf(ctx, data, siteTitle, options.newsletterChoices)
    : options.newsletterMap;
  const absolute = (url: string) => url.replaceAll(PLACEHOLDER, siteUrl);
  const posts = data.posts.filter((p) => (p.type === 'post' || p.type === 'page') && p.status in STATUSES);
  const session = startImport(
    ctx,
    actor,
    {
      source: `ghost:${ghostSetting(data, 'db_hash') || siteTitle || 'site'}`,
      siteUrl,
      siteTitle,
      localImage: (url) => fromImagesFolder(options.imagesDir, url),
      localFolderName: 'dossier des images',
      total: posts.length,
    },
    options,
  );
  const { report } = session;
  report.skipped = data.posts.length - posts.length;
  session.out(
    `${options.dryRun ? 'Essai (rien ne sera enregistré)' : 'Import'} de ${siteTitle || 'la publication Ghost'}${version ? ` (Ghost ${version})` : ''} : ${posts.length} articles et pages.`,
  );

  const users = new Map(data.users.map((u) => [u.id, u]));
  const tags = new Map(data.tags.map((t) => [t.id, t]));
  const meta = new Map(data.posts_meta.map((m) => [m.post_id, m]));
  const tagsOf = groupSorted(
    data.posts_tags,
    (l) => l.post_id,
    (l) => tags.get(l.tag_id),
  );
  const authorsOf = groupSorted(
    data.posts_authors,
    (l) => l.post_id,
    (l) => users.get(l.author_id),
  );
  // The primary tag of some post is a section; the other public tags stay tags.
  const sectionTags = new Set<string>();
  const plainTags = new Map<string, GhostTag>();
  for (const post of posts) {
    if (post.type !== 'post') continue;
    const [primary, ...others] = (tagsOf.get(post.id) ?? []).filter(isPublicTag);
    if (primary) sectionTags.add(primary.id);
    for (const tag of others) plainTags.set(tag.id, tag);
  }

  for (const post of posts) {
    if (session.stopped) break;
    if (post.type === 'page') {
      await session.item(post.title, 'page', async (entry) => {
        const body = ghostPostHtml(post);
        entry.dropped.push(...body.dropped);
        return {
          key: `page:${post.id}`,
          slug: post.slug,
          title: entry.title,
          html: absolute(body.html),
          updatedAt: post.updated_at ?? post.published_at ?? new Date().toISOString(),
          legacyUrls: [`${siteUrl}/${post.slug}/`],
        };
      });
    } else await session.item(post.title, 'article', (entry) => articleOf(post, entry));
  }

  // /tag/slug/ of the tags that stayed tags leads to their tag page (those that became sections already lead there).
  if (!options.dryRun && !session.stopped)
    for (const tag of plainTags.values()) {
      if (sectionTags.has(tag.id)) continue;
      const row = await ctx.db
        .selectFrom('tags')
        .select('id')
        .where('slug', '=', slugify(plain(tag.name, 100), 60))
        .executeTakeFirst();
      if (row) await session.redirect(`${siteUrl}/tag/${tag.slug}/`, { kind: 'tag', id: row.id });
    }
  // Members last, once every post is in: a run that resumes does them once, at its end.
  if (!session.stopped)
    await importGhostMembers(ctx, actor, data, {
      siteTitle,
      siteUrl,
      dryRun: session.dryRun,
      report,
      out: session.out,
      newsletterMap,
    });
  return session.finish();

  async function articleOf(post: GhostPost, entry: { warnings: string[]; dropped: string[] }) {
    const postTags = (tagsOf.get(post.id) ?? []).filter(isPublicTag);
    const primary = postTags[0];
    const sectionId = await session.sectionIdFor(
      primary ? { slug: primary.slug, name: plain(primary.name, 100), description: plain(primary.description, 500) } : null,
      primary ? [`${siteUrl}/tag/${primary.slug}/`] : [],
    );
    const authorIds: number[] = [];
    for (const user of authorsOf.get(post.id) ?? []) {
      const id = await session.personFor(user.id, () => ({
        name: plain(user.name, 200) || user.slug,
        bio: plainParagraphs(user.bio, 3000),
        photoUrl: user.profile_image ? absolute(user.profile_image) : '',
        legacyUrls: [`${siteUrl}/author/${user.slug}/`],
      }));
      if (id !== null) authorIds.push(id);
    }
    if (!authorIds.length && !(authorsOf.get(post.id) ?? []).length) entry.warnings.push('aucun auteur sur Ghost');
    let status = STATUSES[post.status]!;
    if (post.status === 'sent') entry.warnings.push('envoyé par courriel seulement sur Ghost : importé en brouillon');
    if (post.visibility !== 'public' && status !== 'draft') {
      status = 'draft';
      entry.warnings.push('réservé aux membres sur Ghost : importé en brouillon, à publier si voulu');
    }
    const body = ghostPostHtml(post);
    entry.dropped.push(...body.dropped);
    const postMeta = meta.get(post.id);
    return {
      key: post.id,
      slug: post.slug,
      title: post.title,
      lead: plain(post.custom_excerpt, 600),
      html: absolute(body.html),
      sectionId,
      authorIds,
      tags: postTags
        .slice(1)
        .map((t) => plain(t.name, 100))
        .filter(Boolean),
      hero: post.feature_image
        ? {
            url: absolute(post.feature_image),
            alt: plain(postMeta?.feature_image_alt ?? '', 500),
            caption: plain(postMeta?.feature_image_caption ?? '', 1000),
          }
        : null,
      status,
      publishedAt: post.published_at,
      modifiedAt: post.updated_at,
      legacyUrls: [`${siteUrl}/${post.slug}/`],
      sticky: post.featured,
    };
  }
}

/** Links (posts_tags, posts_authors) grouped by post, in their sort order, resolved; unknown ids dropped. */
function groupSorted<L extends { sort_order: number }, T>(
  links: L[],
  key: (link: L) => string,
  resolve: (link: L) => T | undefined,
): Map<string, T[]> {
  const groups = new Map<string, L[]>();
  for (const link of links) {
    const list = groups.get(key(link)) ?? [];
    list.push(link);
    groups.set(key(link), list);
  }
  const resolved = new Map<string, T[]>();
  for (const [id, list] of groups)
    resolved.set(
      id,
      list
        .sort((a, b) => a.sort_order - b.sort_order)
        .map(resolve)
        .filter((x): x is T => x !== undefined),
    );
  return resolved;
}
