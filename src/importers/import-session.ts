import crypto from 'node:crypto';
import path from 'node:path';
import { type Actor, assertCan } from '../accounts/policy.ts';
import type { BodyBlock, BodyDoc } from '../articles/body/body-schema.ts';
import { type ArticleInputData, parseArticleInput } from '../articles/operations/article-input.ts';
import { type HistoricPublication, applyHistoricPublication } from '../articles/operations/historic-publication.ts';
import { createArticle, updateArticle } from '../articles/operations/save-article.ts';
import { scheduleArticle } from '../articles/operations/workflow.ts';
import { isPublicNow } from '../articles/published.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { outboundGet } from '../core/http/outbound-fetch.ts';
import { slugify } from '../core/text/slug.ts';
import { uploadImage } from '../media/media-operations.ts';
import { htmlParser2, htmlToBody } from './html-to-body.ts';
import {
  appendToHome,
  findImported,
  insertPerson,
  rememberImported,
  savePage,
  sectionFor,
  updatePersonProfile,
} from './import-repository.ts';
import { saveLegacyRedirect } from './legacy-redirects.ts';

// What every importer shares (WordPress, Ghost): the report, authors, sections, images, bodies,
// and the saving of one article or page with its old addresses. An importer reads its own format
// and hands each post over in these terms; a second run updates what changed (a fingerprint of
// what was imported) and leaves the rest alone.

/** Options every importer takes. */
export interface ImportRunOptions {
  /** Fetch images missing from the local folder from the old site. */
  fetchImages?: boolean;
  /** Fetch from private addresses too (an intranet site). */
  allowPrivate?: boolean;
  dryRun?: boolean;
  out?: (line: string) => void;
  /** Called after each post or page with how many were handled and how many there are. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /** Resuming: the first posts and pages, handled by an earlier slice, are passed over. */
  startAt?: number;
  /** Stops after the post or page that ends past this time (epoch ms); the report says it is not complete. */
  deadline?: number;
  /** Asked after each post or page: true stops the run there (cancelled), the post in hand finished or left out whole. */
  cancelled?: () => Promise<boolean>;
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

export interface ImportReport {
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
  /** Ghost members subscribed to a newsletter (or who would be, in a dry run). */
  subscribersAdded: number;
  subscribersAlready: number;
  /** Erased here (suppression hash): never subscribed again. */
  subscribersSuppressed: number;
  /** Unsubscribed or unreachable at the source, or unsubscribed here: left out. */
  subscribersLeft: number;
  subscribersInvalid: number;
  /** Subscribers of a source newsletter left out: no newsletter here for it, or the import was told to skip it. */
  subscribersUnmapped: number;
  /** The source's newsletters and where their subscribers go (Ghost), for the mapping form of the back office. */
  newsletters: SourceNewsletter[];
  /** The first MAX_ITEMS posts and pages, each with its notes (every one is also written to `out`). */
  items: ItemReport[];
  /** Posts and pages handled past MAX_ITEMS, counted but not kept: memory stays bounded on a 100,000-post site. */
  itemsLeftOut: number;
  /** False when the run stopped at its deadline before the end of the file. */
  complete: boolean;
}

/** A newsletter of the old site (Ghost), how many subscribers it brings, and where they go. */
export interface SourceNewsletter {
  id: string;
  name: string;
  archived: boolean;
  subscribers: number;
  /** The Kiosque newsletter's id, 'create' (a new one of the same name) or 'skip' (its subscribers stay behind). */
  target: number | 'create' | 'skip';
}

/** An author as the old site describes them. */
export interface ImportedProfile {
  name: string;
  bio: string;
  /** Address of their portrait on the old site, if any. */
  photoUrl: string;
  /** Old addresses of their author page. */
  legacyUrls: string[];
}

/** One post, in Kiosque's terms (its body still HTML). */
export interface ImportedArticle {
  /** Its id on the old site (a second import finds it by this). */
  key: string;
  slug: string;
  title: string;
  lead: string;
  html: string;
  sectionId: number;
  authorIds: number[];
  tags: string[];
  hero: { url: string; alt: string; caption: string } | null;
  status: 'published' | 'future' | 'draft' | 'submitted';
  publishedAt: string | null;
  modifiedAt: string | null;
  legacyUrls: string[];
  sticky: boolean;
  /** Runs after the article is saved (comments), inside the "remove it if it fails" guard. */
  afterSave?: (id: number, createdAt: string) => Promise<void>;
}

/** One static page. */
export interface ImportedPage {
  key: string;
  slug: string;
  title: string;
  html: string;
  updatedAt: string;
  legacyUrls: string[];
}

export interface ImportSessionSettings {
  /** The system and site, e.g. "wordpress:https://ancien.exemple.fr" (import_sources.source). */
  source: string;
  siteUrl: string;
  siteTitle: string;
  /** Finds an image's bytes in the export's folder, or null. */
  localImage: (url: URL) => Promise<Buffer | null>;
  /** The wording of a missing local image ("dossier des médias"). */
  localFolderName: string;
  /** How many posts and pages the file holds (for the progress). */
  total: number;
}

/** Text of a title or excerpt as the old site stores it (entities, stray tags), trimmed. */
export function plain(html: string, max: number): string {
  const document = htmlParser2().parseDocument(html, { decodeEntities: true });
  const text = (node: { type: string; data?: string; children?: unknown[] }): string =>
    node.type === 'text' ? (node.data ?? '') : ((node.children as (typeof node)[] | undefined) ?? []).map(text).join('');
  return text(document as never)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

/** A bio as plain text, its paragraphs (blank lines) kept: the author page shows one <p> each. */
export function plainParagraphs(text: string, max: number): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => plain(paragraph, max))
    .filter(Boolean)
    .join('\n\n')
    .slice(0, max);
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

/** An error as one French line: its message and the fields it names. */
export function describeError(error: unknown): string {
  if (!(error instanceof AppError)) return error instanceof Error ? error.message : String(error);
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

function subscribersOf(report: ImportReport): string {
  const seen =
    report.subscribersAdded +
    report.subscribersAlready +
    report.subscribersSuppressed +
    report.subscribersLeft +
    report.subscribersInvalid +
    report.subscribersUnmapped;
  if (!seen) return '';
  return ` ; abonnés : ${report.subscribersAdded} ajoutés, ${report.subscribersAlready} déjà abonnés, ${report.subscribersSuppressed} adresses effacées jamais réabonnées, ${report.subscribersLeft} désabonnés laissés de côté, ${report.subscribersInvalid} adresses invalides, ${report.subscribersUnmapped} laissés sans newsletter`;
}

/** The last line of every import: what was done, in numbers. */
export function summaryOf(report: ImportReport): string {
  return `Bilan : ${report.created} créés, ${report.updated} mis à jour, ${report.unchanged} inchangés, ${report.failed} en échec, ${report.skipped} ignorés ; ${report.sectionsCreated} rubriques et ${report.peopleCreated} auteurs créés, ${report.imagesStored} images enregistrées, ${report.imagesMissing} manquantes, ${report.comments} commentaires conservés, ${report.redirects} anciennes adresses redirigées${subscribersOf(report)}.`;
}

const MAX_ITEMS = 5000;

function digest(value: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export type ImportSession = ReturnType<typeof startImport>;

/** Opens an import: checks the actor may do all it does, and returns the shared steps. */
export function startImport(ctx: AppContext, actor: Actor, settings: ImportSessionSettings, options: ImportRunOptions) {
  assertCan(actor, 'site:import');
  assertCan(actor, 'article:publish');
  assertCan(actor, 'curation:sections');
  assertCan(actor, 'curation:people');
  assertCan(actor, 'curation:pages');
  assertCan(actor, 'media:upload');
  const { source, siteUrl } = settings;
  const dryRun = options.dryRun ?? false;
  const out = options.out ?? (() => {});
  const report: ImportReport = {
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
    subscribersAdded: 0,
    subscribersAlready: 0,
    subscribersSuppressed: 0,
    subscribersLeft: 0,
    subscribersInvalid: 0,
    subscribersUnmapped: 0,
    newsletters: [],
    items: [],
    itemsLeftOut: 0,
    complete: true,
  };
  const people = new Map<string, number | null>();
  const sections = new Map<string, number>();
  const sticky: number[] = [];
  const fallbackCredit = `Archives ${settings.siteTitle || 'du site'}`;
  let seen = 0;
  let stopped = false;

  async function redirect(url: string, target: Parameters<typeof saveLegacyRedirect>[2]): Promise<void> {
    await saveLegacyRedirect(ctx.db, url, target);
    report.redirects++;
  }

  /** The Kiosque image of an old image address: from the export's folder, or fetched; null if missing. */
  async function imageFor(src: string, meta: { alt: string; caption: string }, warnings: string[]): Promise<number | null> {
    let url: URL;
    try {
      url = new URL(src, `${siteUrl}/`);
    } catch {
      warnings.push(`image à l’adresse invalide ignorée (${src.slice(0, 100)})`);
      return null;
    }
    const known = await findImported(ctx.db, source, 'image', url.href);
    if (known && (await ctx.db.selectFrom('images').select('id').where('id', '=', known.targetId).executeTakeFirst()))
      return known.targetId;
    let bytes = await settings.localImage(url);
    if (!bytes && options.fetchImages) {
      const fetched = await outboundGet(url.href, { allowPrivate: options.allowPrivate ?? false });
      if (fetched.ok) bytes = fetched.body;
      else warnings.push(`image non récupérée (${url.href}) : ${fetched.reason}`);
    }
    if (!bytes) {
      report.imagesMissing++;
      if (!options.fetchImages) warnings.push(`image introuvable dans le ${settings.localFolderName} : ${url.href}`);
      return null;
    }
    if (dryRun) return 1;
    const { credit, caption } = creditIn(meta.caption);
    if (!credit) warnings.push(`crédit absent pour ${path.basename(url.pathname)} : « ${fallbackCredit} » en attendant`);
    try {
      const { image, created } = await uploadImage(ctx, actor, bytes, {
        alt: meta.alt.slice(0, 500),
        caption: caption.slice(0, 1000),
        credit: (credit ?? fallbackCredit).slice(0, 300),
        focalX: 0.5,
        focalY: 0.5,
      });
      if (created) report.imagesStored++;
      await rememberImported(ctx.db, source, 'image', url.href, image.id);
      return image.id;
    } catch (error) {
      report.imagesMissing++;
      warnings.push(`image refusée (${url.href}) : ${describeError(error)}`);
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

  async function freeArticleSlug(wanted: string): Promise<string> {
    const base = slugify(wanted);
    let slug = base;
    for (let n = 2; await ctx.db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst(); n++)
      slug = `${base}-${n}`;
    return slug;
  }

  async function saveArticle(post: ImportedArticle, entry: ItemReport): Promise<void> {
    const heroImageId = post.hero ? await imageFor(post.hero.url, post.hero, entry.warnings) : null;
    if (!post.hero) entry.warnings.push('pas d’image principale');
    const body = await bodyOf(post.html, entry);
    const data: ArticleInputData = {
      format: 'actualite',
      sectionId: post.sectionId,
      kicker: '',
      headline: entry.title,
      lead: post.lead,
      body,
      heroImageId,
      authorPersonIds: post.authorIds,
      tags: post.tags,
    };
    // Every field checked before anything is written.
    const input = parseArticleInput(data);
    const fingerprint = digest([input, post.status, post.publishedAt, post.modifiedAt, post.slug]);
    const known = await findImported(ctx.db, source, 'article', post.key);
    const current = known
      ? await ctx.db.selectFrom('articles').select(['id', 'revision', 'slug']).where('id', '=', known.targetId).executeTakeFirst()
      : undefined;
    if (dryRun) {
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
      ({ id } = await createArticle(ctx, actor, { ...data, slug: await freeArticleSlug(post.slug || entry.title) }));
      entry.action = 'created';
    }
    entry.id = id;
    try {
      const { status, publishedAt, modifiedAt } = post;
      const createdAt = publishedAt ?? new Date().toISOString();
      if (status === 'future' && publishedAt && publishedAt > new Date().toISOString()) {
        await applyHistoricPublication(ctx, actor, id, { status: 'draft', publishedAt: null, updatedAt: null, createdAt });
        await scheduleArticle(ctx, actor, id, publishedAt).catch((error: unknown) => {
          entry.warnings.push(`programmé sur l’ancien site, laissé en brouillon ici : ${describeError(error)}`);
        });
      } else {
        const live = status === 'published' || status === 'future';
        const state: HistoricPublication = {
          status: live ? 'published' : (status as 'draft' | 'submitted'),
          publishedAt: live ? (publishedAt ?? createdAt) : null,
          updatedAt: live && modifiedAt && publishedAt && modifiedAt > publishedAt ? modifiedAt : null,
          createdAt,
        };
        await applyHistoricPublication(ctx, actor, id, state);
      }
      for (const url of post.legacyUrls) await redirect(url, { kind: 'article', id });
      await post.afterSave?.(id, createdAt);
      if (post.sticky) sticky.push(id);
      await rememberImported(ctx.db, source, 'article', post.key, id, fingerprint);
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

  async function savePageItem(page: ImportedPage, entry: ItemReport): Promise<void> {
    const body = await bodyOf(page.html, entry);
    const fingerprint = digest([entry.title, body, page.slug]);
    const known = await findImported(ctx.db, source, 'page', page.key);
    if (dryRun) {
      entry.action = known ? (known.fingerprint === fingerprint ? 'unchanged' : 'updated') : 'would-import';
      return;
    }
    if (known?.fingerprint === fingerprint) {
      entry.action = 'unchanged';
      entry.id = known.targetId;
      return;
    }
    const id = await savePage(ctx.db, known?.targetId ?? null, {
      slug: page.slug || entry.title,
      title: entry.title,
      body: JSON.stringify(body),
      updatedAt: page.updatedAt,
    });
    entry.action = known?.targetId === id ? 'updated' : 'created';
    entry.id = id;
    for (const url of page.legacyUrls) await redirect(url, { kind: 'page', id });
    await rememberImported(ctx.db, source, 'page', page.key, id, fingerprint);
    ctx.pageCache.invalidate([`page:${id}`]);
    const row = await ctx.db.selectFrom('pages').select('slug').where('id', '=', id).executeTakeFirstOrThrow();
    entry.url = `/${row.slug}`;
  }

  return {
    report,
    dryRun,
    out,
    redirect,

    /** The author profile of an old author (made, or brought up to date, on first use); null in a dry run. */
    async personFor(key: string, profile: () => ImportedProfile): Promise<number | null> {
      if (!key) return null;
      if (people.has(key)) return people.get(key) ?? null;
      const imported = await findImported(ctx.db, source, 'person', key);
      let id = imported?.targetId ?? null;
      if (id !== null && !(await ctx.db.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst())) id = null;
      if (dryRun) {
        people.set(key, id);
        return id;
      }
      const wanted = profile();
      const fingerprint = digest([wanted.name, wanted.bio, wanted.photoUrl]);
      if (id === null || imported?.fingerprint !== fingerprint) {
        const warnings: string[] = [];
        const photoImageId = wanted.photoUrl ? await imageFor(wanted.photoUrl, { alt: wanted.name, caption: '' }, warnings) : null;
        for (const warning of warnings) out(`  note (auteur ${wanted.name}) : ${warning}`);
        const fields = { name: wanted.name, bio: wanted.bio.trim().slice(0, 3000), photoImageId };
        if (id === null) {
          id = await insertPerson(ctx.db, fields);
          report.peopleCreated++;
        } else {
          // The bio and portrait follow the old site while nobody changed them here.
          await updatePersonProfile(ctx.db, id, fields);
          ctx.pageCache.invalidate([`person:${id}`]);
        }
        await rememberImported(ctx.db, source, 'person', key, id, fingerprint);
        for (const url of wanted.legacyUrls) await redirect(url, { kind: 'person', id });
      }
      people.set(key, id);
      return id;
    },

    /** The section a post goes to ("Archives" without one), made on first use, its old addresses redirected. */
    async sectionIdFor(wanted: { slug: string; name: string; description: string } | null, legacyUrls: string[] = []): Promise<number> {
      const section = wanted ?? { slug: 'archives', name: 'Archives', description: '' };
      const known = sections.get(section.slug);
      if (known) return known;
      // A dry run writes nothing: the section it would make stands as id 1 for the field checks.
      if (dryRun) return 1;
      const { id, created } = await sectionFor(ctx.db, section);
      if (created) report.sectionsCreated++;
      sections.set(section.slug, id);
      for (const url of legacyUrls) await redirect(url, { kind: 'section', id });
      return id;
    },

    /** True once the deadline has passed or the run was cancelled: the importer stops reading; a later slice resumes. */
    get stopped() {
      return stopped;
    },

    /** Imports one post or page: a failure is reported on its line and does not stop the others. */

    async item(title: string, kind: ItemReport['kind'], save: (entry: ItemReport) => Promise<ImportedArticle | ImportedPage>) {
      if (++seen <= (options.startAt ?? 0)) return;
      const entry: ItemReport = {
        title: plain(title, 200) || '(sans titre)',
        kind,
        action: 'failed',
        id: null,
        url: null,
        dropped: [],
        warnings: [],
      };
      if (report.items.length < MAX_ITEMS) report.items.push(entry);
      else report.itemsLeftOut++;
      try {
        const thing = await save(entry);
        if (kind === 'page') await savePageItem(thing as ImportedPage, entry);
        else await saveArticle(thing as ImportedArticle, entry);
      } catch (error) {
        entry.action = 'failed';
        entry.error = describeError(error);
      }
      report[entry.action === 'would-import' ? 'created' : entry.action]++;
      out(lineOf(entry));
      await options.onProgress?.(seen, settings.total);
      if (options.deadline !== undefined && Date.now() > options.deadline && seen < settings.total) stopped = true;
      if (!stopped && seen < settings.total && (await options.cancelled?.())) stopped = true;
    },

    /** Puts sticky posts on la une and writes the summary line. */
    async finish(): Promise<ImportReport> {
      if (!dryRun && sticky.length) await appendToHome(ctx.db, sticky);
      report.complete = !stopped;
      out(stopped ? `Pause après ${seen} sur ${settings.total} : la suite reprend là.` : summaryOf(report));
      return report;
    },
  };
}
