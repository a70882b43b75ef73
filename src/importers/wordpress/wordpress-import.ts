import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { type Actor, assertCan } from '../../accounts/policy.ts';
import type { BodyBlock, BodyDoc } from '../../articles/body/body-schema.ts';
import { parseArticleInput } from '../../articles/operations/article-input.ts';
import { type HistoricPublication, applyHistoricPublication } from '../../articles/operations/historic-publication.ts';
import { createArticle, updateArticle } from '../../articles/operations/save-article.ts';
import { scheduleArticle } from '../../articles/operations/workflow.ts';
import { isPublicNow } from '../../articles/published.ts';
import type { AppContext } from '../../core/app-context.ts';
import { AppError } from '../../core/http/app-error.ts';
import { outboundGet } from '../../core/http/outbound-fetch.ts';
import { slugify } from '../../core/text/slug.ts';
import { uploadImage } from '../../media/media-operations.ts';
import {
  appendToHome,
  findImported,
  insertPerson,
  rememberImported,
  saveImportedComment,
  savePage,
  sectionFor,
} from '../import-repository.ts';
import { saveLegacyRedirect } from '../legacy-redirects.ts';
import { htmlToBody } from './html-to-body.ts';
import { readWxr, type WxrAuthor, type WxrChannel, type WxrItem, type WxrTerm, WxrError } from './wxr-reader.ts';

// `npm run kiosque -- import:wordpress export.xml`: a whole WordPress site in two streamed passes.
// The first reads the file to the end (a broken or hostile file is refused before anything is
// written) and keeps what posts refer to (authors, categories, attachments: a few strings each).
// The second imports each post on its own: a failed post leaves nothing behind and does not stop
// the others; a second run updates what changed and leaves the rest alone.

export interface WordPressImportOptions {
  file: string;
  /** The export's uploads folder (wp-content/uploads), where images are looked for first. */
  uploadsDir?: string;
  /** Fetch images missing from the uploads folder from the old site. */
  fetchImages?: boolean;
  /** Fetch from private addresses too (an intranet site). */
  allowPrivate?: boolean;
  dryRun?: boolean;
  out?: (line: string) => void;
}

export interface ItemReport {
  title: string;
  kind: 'article' | 'page';
  action: 'created' | 'updated' | 'unchanged' | 'failed' | 'would-import';
  id: number | null;
  url: string | null;
  dropped: string[];
  warnings: string[];
  error?: string;
}

export interface WordPressImportReport {
  site: string;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  skipped: number;
  sectionsCreated: number;
  peopleCreated: number;
  imagesStored: number;
  imagesMissing: number;
  comments: number;
  redirects: number;
  items: ItemReport[];
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
      } else if (IMPORTED_TYPES.has(item.type) && IMPORTED_STATUSES.has(item.status)) index.toImport++;
    }
  }
  if (!sawChannel || !index.channel.wxrVersion)
    throw new WxrError('Ce fichier RSS n’est pas une exportation WordPress (pas de <wp:wxr_version>).');
  return index;
}

/** Text of a title or excerpt as WordPress stores it (entities, stray tags), trimmed. */
function plain(html: string, max: number): string {
  const document = parseDocument(html, { decodeEntities: true });
  const text = (node: { type: string; data?: string; children?: unknown[] }): string =>
    node.type === 'text' ? (node.data ?? '') : ((node.children as (typeof node)[] | undefined) ?? []).map(text).join('');
  return text(document as never)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

/** "2019-04-25 08:30:00" (UTC) → ISO 8601; null for WordPress's zero date. */
function isoOf(gmt: string, local: string): string | null {
  const value = gmt && !NO_DATE.test(gmt) ? gmt : local && !NO_DATE.test(local) ? local : '';
  if (!value) return null;
  const date = new Date(`${value.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** "Photo : Jean Dupont", "© AFP", "Crédit : …" in a caption: the credit, and the caption without it. */
function creditIn(caption: string): { credit: string | null; caption: string } {
  const match = /(?:^|[.\s—–-])\s*(?:(?:photo|crédit|credit|illustration)\s*:\s*|©\s*)([^.]+?)\s*\.?\s*$/i.exec(caption);
  if (!match) return { credit: null, caption };
  return {
    credit: match[1]!.trim(),
    caption: caption
      .slice(0, match.index)
      .replace(/[\s.—–-]+$/, '')
      .trim(),
  };
}

/** Imports (or with dryRun, reads and reports) a WordPress export. */
export async function importWordPress(ctx: AppContext, actor: Actor, options: WordPressImportOptions): Promise<WordPressImportReport> {
  assertCan(actor, 'article:publish');
  assertCan(actor, 'curation:sections');
  assertCan(actor, 'curation:people');
  assertCan(actor, 'media:upload');
  const out = options.out ?? (() => {});
  const index = await indexSite(options.file);
  const siteUrl = (index.channel.baseSiteUrl || index.channel.link).replace(/\/+$/, '');
  const blogUrl = (index.channel.baseBlogUrl || siteUrl).replace(/\/+$/, '');
  const source = `wordpress:${siteUrl}`;
  const report: WordPressImportReport = {
    site: siteUrl,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    skipped: 0,
    sectionsCreated: 0,
    peopleCreated: 0,
    imagesStored: 0,
    imagesMissing: 0,
    comments: 0,
    redirects: 0,
    items: [],
  };
  out(
    `${options.dryRun ? 'Essai (rien ne sera enregistré)' : 'Import'} de ${index.channel.title || siteUrl} : ${index.toImport} articles et pages.`,
  );

  const people = new Map<string, number>();
  async function personFor(login: string): Promise<number | null> {
    if (!login) return null;
    const known = people.get(login);
    if (known) return known;
    const imported = await findImported(ctx.db, source, 'person', login);
    let id = imported?.targetId ?? null;
    if (id !== null && !(await ctx.db.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst())) id = null;
    if (id === null && options.dryRun) return null;
    if (id === null) {
      const author = index.authors.get(login);
      const name = author?.displayName || [author?.firstName, author?.lastName].filter(Boolean).join(' ') || login;
      id = await insertPerson(ctx.db, name);
      await rememberImported(ctx.db, source, 'person', login, id);
      report.peopleCreated++;
    }
    people.set(login, id);
    return id;
  }

  const sections = new Map<string, number>();
  async function sectionIdFor(category: { slug: string; name: string } | undefined): Promise<number> {
    const term = category ? index.categories.get(category.slug) : undefined;
    const wanted = category
      ? { slug: category.slug, name: term?.name || category.name, description: term?.description ?? '' }
      : { slug: 'archives', name: 'Archives', description: '' };
    const known = sections.get(wanted.slug);
    if (known) return known;
    // A dry run writes nothing: the section it would make stands as id 1 for the field checks.
    if (options.dryRun) return 1;
    const { id, created } = await sectionFor(ctx.db, wanted);
    if (created) report.sectionsCreated++;
    sections.set(wanted.slug, id);
    if (category) {
      await saveLegacyRedirect(ctx.db, `${blogUrl}/category/${category.slug}/`, { kind: 'section', id });
      report.redirects++;
    }
    return id;
  }

  /** The Kiosque image of an old image address: from the uploads folder, or fetched; null if missing. */
  async function imageFor(src: string, meta: { alt: string; caption: string }, warnings: string[]): Promise<number | null> {
    let url: string;
    try {
      url = new URL(src, `${siteUrl}/`).href;
    } catch {
      warnings.push(`image à l’adresse invalide ignorée (${src.slice(0, 100)})`);
      return null;
    }
    const known = await findImported(ctx.db, source, 'image', url);
    if (known && (await ctx.db.selectFrom('images').select('id').where('id', '=', known.targetId).executeTakeFirst()))
      return known.targetId;
    let bytes: Buffer | null = null;
    const pathname = new URL(url).pathname;
    const uploadsAt = pathname.indexOf('/wp-content/uploads/');
    if (options.uploadsDir && uploadsAt >= 0) {
      const relative = safeDecode(pathname.slice(uploadsAt + '/wp-content/uploads/'.length));
      const root = path.resolve(options.uploadsDir);
      // The full-size original first (WordPress links resized copies: photo-300x200.jpg).
      for (const candidate of [relative.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1'), relative]) {
        const file = path.resolve(root, candidate);
        if (!file.startsWith(root + path.sep)) continue;
        bytes = await fs.readFile(file).catch(() => null);
        if (bytes) break;
      }
    }
    if (!bytes && options.fetchImages) {
      const fetched = await outboundGet(url, { allowPrivate: options.allowPrivate ?? false });
      if (fetched.ok) bytes = fetched.body;
      else warnings.push(`image non récupérée (${url}) : ${fetched.reason}`);
    }
    if (!bytes) {
      report.imagesMissing++;
      if (!options.fetchImages) warnings.push(`image introuvable dans le dossier des médias : ${url}`);
      return null;
    }
    if (options.dryRun) return 1;
    const { credit, caption } = creditIn(meta.caption);
    if (!credit)
      warnings.push(
        `crédit absent pour ${path.basename(new URL(url).pathname)} : « Archives ${index.channel.title || 'du site'} » en attendant`,
      );
    try {
      const { image, created } = await uploadImage(ctx, actor, bytes, {
        alt: meta.alt.slice(0, 500),
        caption: caption.slice(0, 1000),
        credit: (credit ?? `Archives ${index.channel.title || 'du site'}`).slice(0, 300),
        focalX: 0.5,
        focalY: 0.5,
      });
      if (created) report.imagesStored++;
      await rememberImported(ctx.db, source, 'image', url, image.id);
      return image.id;
    } catch (error) {
      report.imagesMissing++;
      warnings.push(`image refusée (${url}) : ${error instanceof AppError ? error.message : String(error)}`);
      return null;
    }
  }

  /** The body with its images stored; images that could not be had are left out (and reported). */
  async function bodyOf(html: string, entry: ItemReport): Promise<BodyDoc> {
    const converted = htmlToBody(html);
    entry.dropped.push(...converted.dropped);
    const ids = await Promise.all(
      converted.images.map((image) => imageFor(image.src, { alt: image.alt, caption: image.caption }, entry.warnings)),
    );
    const resolve = (blocks: BodyBlock[]): BodyBlock[] =>
      blocks.flatMap((block) => {
        if (block.type !== 'image' || block.attrs.imageId > 0) return [block];
        const id = ids[-block.attrs.imageId - 1];
        return id ? [{ ...block, attrs: { ...block.attrs, imageId: id } }] : [];
      });
    return { type: 'doc', content: resolve(converted.content) };
  }

  const sticky: number[] = [];
  for await (const record of readWxr(options.file)) {
    if (record.kind !== 'item') continue;
    const { item } = record;
    if (!IMPORTED_TYPES.has(item.type)) continue;
    if (!IMPORTED_STATUSES.has(item.status)) {
      report.skipped++;
      continue;
    }
    const entry: ItemReport = {
      title: plain(item.title, 200) || '(sans titre)',
      kind: item.type === 'page' ? 'page' : 'article',
      action: 'failed',
      id: null,
      url: null,
      dropped: [],
      warnings: [],
    };
    report.items.push(entry);
    try {
      if (item.type === 'page') await importPage(item, entry);
      else await importPost(item, entry);
    } catch (error) {
      entry.action = 'failed';
      entry.error = error instanceof AppError ? describe(error) : error instanceof Error ? error.message : String(error);
    }
    report[entry.action === 'would-import' ? 'created' : entry.action]++;
    out(lineOf(entry));
  }
  if (!options.dryRun && sticky.length) await appendToHome(ctx.db, sticky);
  out(
    `Bilan : ${report.created} créés, ${report.updated} mis à jour, ${report.unchanged} inchangés, ${report.failed} en échec, ${report.skipped} ignorés (corbeille, révisions) ; ${report.sectionsCreated} rubriques et ${report.peopleCreated} auteurs créés, ${report.imagesStored} images enregistrées, ${report.imagesMissing} manquantes, ${report.comments} commentaires conservés, ${report.redirects} anciennes adresses redirigées.`,
  );
  return report;

  async function importPost(item: WxrItem, entry: ItemReport): Promise<void> {
    const key = String(item.id);
    const authorId = await personFor(item.creator);
    const sectionId = await sectionIdFor(item.categories[0]);
    const thumbnail = index.attachments.get(Number(item.meta._thumbnail_id));
    const heroImageId = thumbnail ? await imageFor(thumbnail.url, thumbnail, entry.warnings) : null;
    if (!thumbnail) entry.warnings.push('pas d’image principale');
    const body = await bodyOf(item.content, entry);
    const data = {
      format: 'actualite' as const,
      sectionId,
      kicker: '',
      headline: entry.title,
      lead: plain(item.excerpt, 600),
      body,
      heroImageId,
      authorPersonIds: authorId === null ? [] : [authorId],
      tags: item.tags.map((t) => plain(t.name, 100)).filter(Boolean),
    };
    // Every field checked before anything is written.
    const input = parseArticleInput(data);
    const publishedAt = isoOf(item.dateGmt, item.date);
    const modifiedAt = isoOf(item.modifiedGmt, '');
    const status: HistoricPublication['status'] | 'future' =
      item.status === 'publish' ? 'published' : item.status === 'future' ? 'future' : item.status === 'pending' ? 'submitted' : 'draft';
    if (item.status === 'private') entry.warnings.push('privé sur WordPress : importé en brouillon');
    const fingerprint = crypto
      .createHash('sha256')
      .update(JSON.stringify([input, status, publishedAt, modifiedAt, item.slug]))
      .digest('hex');
    const known = await findImported(ctx.db, source, 'article', key);
    const current = known
      ? await ctx.db.selectFrom('articles').select(['id', 'revision', 'slug']).where('id', '=', known.targetId).executeTakeFirst()
      : undefined;
    if (options.dryRun) {
      entry.action = current ? (known?.fingerprint === fingerprint ? 'unchanged' : 'updated') : 'would-import';
      return;
    }
    if (current && known?.fingerprint === fingerprint) {
      entry.action = 'unchanged';
      entry.id = current.id;
      return;
    }
    let id: number;
    if (current) {
      await updateArticle(ctx, actor, current.id, current.revision, { ...data, slug: current.slug });
      id = current.id;
      entry.action = 'updated';
    } else {
      ({ id } = await createArticle(ctx, actor, { ...data, slug: await freeArticleSlug(item.slug || entry.title) }));
      entry.action = 'created';
    }
    entry.id = id;
    try {
      const createdAt = publishedAt ?? new Date().toISOString();
      if (status === 'future' && publishedAt && publishedAt > new Date().toISOString()) {
        await applyHistoricPublication(ctx, actor, id, { status: 'draft', publishedAt: null, updatedAt: null, createdAt });
        await scheduleArticle(ctx, actor, id, publishedAt).catch((error: unknown) => {
          entry.warnings.push(
            `programmé sur WordPress, laissé en brouillon ici : ${error instanceof AppError ? describe(error) : String(error)}`,
          );
        });
      } else {
        const live = status === 'published' || status === 'future';
        await applyHistoricPublication(ctx, actor, id, {
          status: live ? 'published' : status,
          publishedAt: live ? (publishedAt ?? createdAt) : null,
          updatedAt: live && modifiedAt && publishedAt && modifiedAt > publishedAt ? modifiedAt : null,
          createdAt,
        });
      }
      if (item.link) await saveLegacyRedirect(ctx.db, item.link, { kind: 'article', id });
      await saveLegacyRedirect(ctx.db, `${siteUrl}/?p=${item.id}`, { kind: 'article', id });
      report.redirects += item.link ? 2 : 1;
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
      }
      if (item.sticky) sticky.push(id);
      await rememberImported(ctx.db, source, 'article', key, id, fingerprint);
      const row = await ctx.db
        .selectFrom('articles')
        .innerJoin('sections', 'sections.id', 'articles.section_id')
        .select(['articles.slug', 'articles.status', 'articles.published_at', 'sections.slug as sectionSlug'])
        .where('articles.id', '=', id)
        .executeTakeFirstOrThrow();
      entry.url = isPublicNow(row) ? `/${row.sectionSlug}/${row.slug}` : null;
    } catch (error) {
      // A new article half-imported is removed: nothing of it stays.
      if (entry.action === 'created') await ctx.db.deleteFrom('articles').where('id', '=', id).execute();
      entry.id = null;
      throw error;
    }
  }

  async function importPage(item: WxrItem, entry: ItemReport): Promise<void> {
    const key = `page:${item.id}`;
    const body = await bodyOf(item.content, entry);
    const updatedAt = isoOf(item.modifiedGmt, '') ?? isoOf(item.dateGmt, item.date) ?? new Date().toISOString();
    const fingerprint = crypto
      .createHash('sha256')
      .update(JSON.stringify([entry.title, body, item.slug]))
      .digest('hex');
    const known = await findImported(ctx.db, source, 'page', key);
    if (options.dryRun) {
      entry.action = known ? (known.fingerprint === fingerprint ? 'unchanged' : 'updated') : 'would-import';
      return;
    }
    if (known?.fingerprint === fingerprint) {
      entry.action = 'unchanged';
      entry.id = known.targetId;
      return;
    }
    const id = await savePage(ctx.db, known?.targetId ?? null, {
      slug: item.slug || entry.title,
      title: entry.title,
      body: JSON.stringify(body),
      updatedAt,
    });
    entry.action = known?.targetId === id ? 'updated' : 'created';
    entry.id = id;
    if (item.link) await saveLegacyRedirect(ctx.db, item.link, { kind: 'page', id });
    await saveLegacyRedirect(ctx.db, `${siteUrl}/?page_id=${item.id}`, { kind: 'page', id });
    report.redirects += item.link ? 2 : 1;
    await rememberImported(ctx.db, source, 'page', key, id, fingerprint);
    ctx.pageCache.invalidate([`page:${id}`]);
    const page = await ctx.db.selectFrom('pages').select('slug').where('id', '=', id).executeTakeFirstOrThrow();
    entry.url = `/${page.slug}`;
  }

  async function freeArticleSlug(wanted: string): Promise<string> {
    const base = slugify(wanted);
    let slug = base;
    for (let n = 2; await ctx.db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst(); n++)
      slug = `${base}-${n}`;
    return slug;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function describe(error: AppError): string {
  const details = Array.isArray(error.details) ? (error.details as { path?: string; message?: string }[]) : [];
  const reasons = details.map((d) => (d.path ? `${d.path} : ${d.message}` : d.message)).filter(Boolean);
  return reasons.length ? `${error.message} (${reasons.join(' ; ')})` : error.message;
}

const ACTION_LABELS: Record<ItemReport['action'], string> = {
  created: '✓ créé',
  updated: '✓ mis à jour',
  unchanged: '· inchangé',
  failed: '✗ échec',
  'would-import': '→ serait importé',
};

function lineOf(entry: ItemReport): string {
  const what = entry.kind === 'page' ? 'page' : 'article';
  const lines = [
    `  ${ACTION_LABELS[entry.action]} : ${what} « ${entry.title} »${entry.url ? ` → ${entry.url}` : ''}${entry.error ? ` — ${entry.error}` : ''}`,
  ];
  if (entry.dropped.length) lines.push(`      abandonné : ${entry.dropped.join(', ')}`);
  for (const warning of entry.warnings) lines.push(`      note : ${warning}`);
  return lines.join('\n');
}
