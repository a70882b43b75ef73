import fs from 'node:fs/promises';
import path from 'node:path';
import type { Actor } from '../../accounts/policy.ts';
import type { AppContext } from '../../core/app-context.ts';
import { invalidateComments } from '../../comments/comment-invalidation.ts';
import { saveImportedComment } from '../import-repository.ts';
import { type ImportReport, type ImportRunOptions, plain, plainParagraphs, startImport } from '../import-session.ts';
import { readWxr, type WxrAuthor, type WxrChannel, type WxrItem, type WxrTerm, WxrError } from './wxr-reader.ts';

// `npm run kiosque -- import:wordpress export.xml`: a whole WordPress site in two streamed passes.
// The first reads the file to the end (a broken or hostile file is refused before anything is
// written) and keeps what posts refer to (authors, categories, attachments: a few strings each).
// The second imports each post on its own (import-session.ts): a failed post leaves nothing
// behind and does not stop the others; a second run updates what changed and leaves the rest alone.

export interface WordPressImportOptions extends ImportRunOptions {
  file: string;
  /** The export's uploads folder (wp-content/uploads), where images are looked for first. */
  uploadsDir?: string;
}

interface Attachment {
  url: string;
  alt: string;
  caption: string;
}

interface SiteIndex {
  channel: WxrChannel;
  authors: Map<string, WxrAuthor>;
  categories: Map<string, WxrTerm>;
  attachments: Map<number, Attachment>;
  toImport: number;
  /** Posts and pages left behind (trash, auto-drafts). */
  skipped: number;
}

const IMPORTED_TYPES = new Set(['post', 'page']);
const IMPORTED_STATUSES = new Set(['publish', 'future', 'draft', 'pending', 'private']);
const NO_DATE = /^0000-00-00/;

/** Pass 1: reads the whole file (validating it) and keeps what posts refer to. */
async function indexSite(file: string): Promise<SiteIndex> {
  const index: SiteIndex = {
    channel: { title: '', link: '', language: '', baseSiteUrl: '', baseBlogUrl: '', wxrVersion: '' },
    authors: new Map(),
    categories: new Map(),
    attachments: new Map(),
    toImport: 0,
    skipped: 0,
  };
  let sawChannel = false;
  for await (const record of readWxr(file)) {
    if (record.kind === 'channel') {
      index.channel = record.channel;
      sawChannel = true;
    } else if (record.kind === 'author') index.authors.set(record.author.login, record.author);
    else if (record.kind === 'category') index.categories.set(record.term.slug, record.term);
    else if (record.kind === 'item') {
      const { item } = record;
      if (item.type === 'attachment') {
        index.attachments.set(item.id, {
          url: item.attachmentUrl || item.link,
          alt: item.meta._wp_attachment_image_alt ?? '',
          caption: item.excerpt,
        });
      } else if (IMPORTED_TYPES.has(item.type)) {
        if (IMPORTED_STATUSES.has(item.status)) index.toImport++;
        else index.skipped++;
      }
    }
  }
  if (!sawChannel || !index.channel.wxrVersion)
    throw new WxrError('Ce fichier RSS n’est pas une exportation WordPress (pas de <wp:wxr_version>).');
  return index;
}

/** "2019-04-25 08:30:00" (UTC) → ISO 8601; null for WordPress's zero date. */
function isoOf(gmt: string, local: string): string | null {
  const value = gmt && !NO_DATE.test(gmt) ? gmt : local && !NO_DATE.test(local) ? local : '';
  if (!value) return null;
  const date = new Date(`${value.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The file under the uploads folder an image address points to (the full-size original first), or null. */
async function fromUploads(uploadsDir: string | undefined, url: URL): Promise<Buffer | null> {
  const uploadsAt = url.pathname.indexOf('/wp-content/uploads/');
  if (!uploadsDir || uploadsAt < 0) return null;
  const relative = safeDecode(url.pathname.slice(uploadsAt + '/wp-content/uploads/'.length));
  const root = path.resolve(uploadsDir);
  // WordPress links resized copies: photo-300x200.jpg.
  for (const candidate of [relative.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1'), relative]) {
    const file = path.resolve(root, candidate);
    if (!file.startsWith(root + path.sep)) continue;
    const bytes = await fs.readFile(file).catch(() => null);
    if (bytes) return bytes;
  }
  return null;
}

/** Imports (or with dryRun, reads and reports) a WordPress export. */
export async function importWordPress(ctx: AppContext, actor: Actor, options: WordPressImportOptions): Promise<ImportReport> {
  const index = await indexSite(options.file);
  const siteUrl = (index.channel.baseSiteUrl || index.channel.link).replace(/\/+$/, '');
  const blogUrl = (index.channel.baseBlogUrl || siteUrl).replace(/\/+$/, '');
  const source = `wordpress:${siteUrl}`;
  const session = startImport(
    ctx,
    actor,
    {
      source,
      siteUrl,
      siteTitle: index.channel.title,
      localImage: (url) => fromUploads(options.uploadsDir, url),
      localFolderName: 'dossier des médias',
      total: index.toImport,
    },
    options,
  );
  const { report } = session;
  report.skipped = index.skipped;
  session.out(
    `${options.dryRun ? 'Essai (rien ne sera enregistré)' : 'Import'} de ${index.channel.title || siteUrl} : ${index.toImport} articles et pages.`,
  );

  const authorOf = (login: string) => () => {
    const author = index.authors.get(login);
    return {
      name: author?.displayName || [author?.firstName, author?.lastName].filter(Boolean).join(' ') || login,
      bio: plainParagraphs(author?.description ?? '', 3000),
      photoUrl: '',
      legacyUrls: [`${blogUrl}/author/${login}/`],
    };
  };

  for await (const record of readWxr(options.file)) {
    if (session.stopped) break;
    if (record.kind !== 'item') continue;
    const { item } = record;
    if (!IMPORTED_TYPES.has(item.type)) continue;
    if (!IMPORTED_STATUSES.has(item.status)) continue;
    if (item.type === 'page') {
      await session.item(item.title, 'page', async (entry) => ({
        key: `page:${item.id}`,
        slug: item.slug || entry.title,
        title: entry.title,
        html: item.content,
        updatedAt: isoOf(item.modifiedGmt, '') ?? isoOf(item.dateGmt, item.date) ?? new Date().toISOString(),
        legacyUrls: [...(item.link ? [item.link] : []), `${siteUrl}/?page_id=${item.id}`],
      }));
    } else await session.item(item.title, 'article', (entry) => postOf(item, entry.warnings));
  }
  return session.finish();

  async function postOf(item: WxrItem, warnings: string[]) {
    const authorId = await session.personFor(item.creator, authorOf(item.creator));
    const category = item.categories[0];
    const term = category ? index.categories.get(category.slug) : undefined;
    const sectionId = await session.sectionIdFor(
      category ? { slug: category.slug, name: term?.name || category.name, description: term?.description ?? '' } : null,
      category ? [`${blogUrl}/category/${category.slug}/`] : [],
    );
    const thumbnail = index.attachments.get(Number(item.meta._thumbnail_id));
    if (item.status === 'private') warnings.push('privé sur WordPress : importé en brouillon');
    const publishedAt = isoOf(item.dateGmt, item.date);
    return {
      key: String(item.id),
      slug: item.slug,
      title: item.title,
      lead: plain(item.excerpt, 600),
      html: item.content,
      sectionId,
      authorIds: authorId === null ? [] : [authorId],
      tags: item.tags.map((t) => plain(t.name, 100)).filter(Boolean),
      hero: thumbnail ?? null,
      status:
        item.status === 'publish'
          ? ('published' as const)
          : item.status === 'future'
            ? ('future' as const)
            : item.status === 'pending'
              ? ('submitted' as const)
              : ('draft' as const),
      publishedAt,
      modifiedAt: isoOf(item.modifiedGmt, ''),
      legacyUrls: [...(item.link ? [item.link] : []), `${siteUrl}/?p=${item.id}`],
      sticky: item.sticky,
      afterSave: async (id: number, createdAt: string) => {
        let saved = 0;
        for (const comment of item.comments) {
          if (comment.type && comment.type !== 'comment') continue;
          await saveImportedComment(ctx.db, {
            articleId: id,
            source,
            sourceId: `${item.id}:${comment.id}`,
            parentSourceId: comment.parent && comment.parent !== '0' ? `${item.id}:${comment.parent}` : null,
            authorName: plain(comment.author, 200) || 'Anonyme',
            authorEmail: comment.authorEmail.slice(0, 320),
            authorUrl: comment.authorUrl.slice(0, 2000),
            content: plain(comment.content, 20_000),
            approved: comment.approved === '1',
            writtenAt: isoOf(comment.date, '') ?? createdAt,
          });
          report.comments++;
          saved++;
        }
        // Saved after the article was published (and its pages dropped): its comments area is read again.
        if (saved > 0) invalidateComments(ctx, id, false);
      },
    };
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
