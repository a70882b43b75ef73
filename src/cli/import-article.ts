import fs from 'node:fs/promises';
import path from 'node:path';
import { type Actor, can } from '../accounts/policy.ts';
import {
  type ArticleInput,
  parseArticleInput,
  publishProblems,
  notPublishableError,
  type FieldIssue,
} from '../articles/operations/article-input.ts';
import { changesArticle, inputOf, loadArticleState } from '../articles/operations/article-store.ts';
import { createArticle, updateArticle } from '../articles/operations/save-article.ts';
import { publishArticle } from '../articles/operations/workflow.ts';
import { isPublicNow } from '../articles/published.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { fieldProblems } from '../api/api-validation.ts';
import { originalPath } from '../images/image-store.ts';
import type { ImageRecord } from '../images/image-types.ts';
import { updateImage, uploadImage } from '../media/media-operations.ts';
import { cancelJob } from '../core/jobs/job-runner.ts';
import { type ImportExtras, importExtrasSchema, type ImportItem } from './import-file.ts';

/** What happened to one imported article. */
export interface ImportOutcome {
  /** 'unchanged': the stored article already says what the file says; nothing was written. */
  action: 'created' | 'updated' | 'unchanged';
  id: number;
  headline: string;
  url: string | null;
  published: boolean;
  /** The image fields this import corrected on an image already in the library (credit, alt…). */
  imageChanges: string[];
}

/** The image fields an import may set, with their French names for the report. */
const IMAGE_FIELDS = {
  credit: 'crédit',
  alt: 'texte alternatif',
  caption: 'légende',
  focalX: 'point focal',
  focalY: 'point focal',
} as const;

/**
 * The names a file uses for the API fields the importer fills from them: a problem with
 * authorPersonIds is reported on `authors` (and so on), unless the file itself used the API's name.
 */
const IMPORT_FIELD_NAMES: Record<string, string> = { authorPersonIds: 'authors', sectionId: 'section', heroImageId: 'heroImage' };

function inFileTerms(issues: FieldIssue[], article: Record<string, unknown>): FieldIssue[] {
  return issues.map((issue) => {
    const [head, ...rest] = issue.path.split('.');
    const name = IMPORT_FIELD_NAMES[head ?? ''];
    if (!name || head! in article) return issue;
    return { path: [name, ...rest].join('.'), message: issue.message.replaceAll(head!, name) };
  });
}

/** An item that was not imported: every reason, in French; nothing of it was stored. */
export class ImportItemError extends Error {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(issues.map((i) => i.message).join(' ; '));
    this.issues = issues;
  }
}

function fail(path: string, message: string): never {
  throw new ImportItemError([{ path, message }]);
}

/** The issues an operation's error carries (validation details, or its message). */
function issuesOf(error: unknown): FieldIssue[] {
  if (error instanceof ImportItemError) return error.issues;
  if (error instanceof AppError) {
    if (Array.isArray(error.details) && error.details.every((d) => d && typeof d === 'object' && 'message' in d))
      return error.details as FieldIssue[];
    return [{ path: '', message: error.message }];
  }
  return [{ path: '', message: error instanceof Error ? error.message : String(error) }];
}

/**
 * Imports one article: validates everything first (fields, section, authors, image file, what
 * publishing needs), then stores the image, saves the article (create, or update over the current
 * revision when the slug exists) and publishes if asked. If a step fails after something was
 * written, that is undone, so a failed item leaves nothing behind.
 */
export async function importArticle(ctx: AppContext, actor: Actor, item: ImportItem, baseDir: string): Promise<ImportOutcome> {
  try {
    return await importValidated(ctx, actor, item, baseDir);
  } catch (error) {
    throw new ImportItemError(inFileTerms(issuesOf(error), item.article));
  }
}

async function importValidated(ctx: AppContext, actor: Actor, item: ImportItem, baseDir: string): Promise<ImportOutcome> {
  if (item.extras === null) fail('', 'chaque article doit être un objet JSON');
  const parsedExtras = importExtrasSchema.safeParse(item.extras);
  if (!parsedExtras.success) throw new ImportItemError(fieldProblems(parsedExtras.error));
  const extras = parsedExtras.data;
  const { db } = ctx;

  // Ids a file made elsewhere cannot know, found by slug.
  const data: Record<string, unknown> = { ...item.article, slug: extras.slug };
  if (extras.section !== undefined) {
    if ('sectionId' in item.article) fail('section', 'section et sectionId : donnez l’un ou l’autre');
    const section = await db.selectFrom('sections').select('id').where('slug', '=', extras.section).executeTakeFirst();
    if (!section) fail('section', `section : aucune rubrique « ${extras.section} »`);
    data.sectionId = section.id;
  }
  if (extras.authors !== undefined) {
    if ('authorPersonIds' in item.article) fail('authors', 'authors et authorPersonIds : donnez l’un ou l’autre');
    const people = extras.authors.length
      ? await db.selectFrom('people').select(['id', 'slug']).where('slug', 'in', extras.authors).execute()
      : [];
    const missing = extras.authors.filter((s) => !people.some((p) => p.slug === s));
    if (missing.length) fail('authors', `authors : aucun auteur ${missing.map((s) => `« ${s} »`).join(', ')}`);
    data.authorPersonIds = extras.authors.map((s) => people.find((p) => p.slug === s)!.id);
  }
  let imageBytes: Buffer | null = null;
  if (extras.heroImage) {
    if ('heroImageId' in item.article) fail('heroImage', 'heroImage et heroImageId : donnez l’un ou l’autre');
    const file = path.resolve(baseDir, extras.heroImage.path);
    imageBytes = await fs.readFile(file).catch(() => fail('heroImage.path', `heroImage.path : fichier introuvable (${file})`));
  }

  // Every field checked before anything is written (the image id is filled in after storing it).
  const checked: ArticleInput = parseArticleInput(imageBytes ? { ...data, heroImageId: null } : data);
  const existing = await db.selectFrom('articles').select('id').where('slug', '=', extras.slug).executeTakeFirst();
  const before = existing ? await loadArticleState(db, existing.id) : null;
  if (extras.publish) {
    const hero =
      extras.heroImage ??
      (checked.heroImageId
        ? await db.selectFrom('images').select(['alt', 'credit']).where('id', '=', checked.heroImageId).executeTakeFirst()
        : undefined);
    const problems = publishProblems({
      format: checked.format,
      headline: checked.headline,
      sectionExists: Boolean(await db.selectFrom('sections').select('id').where('id', '=', checked.sectionId).executeTakeFirst()),
      authorCount: (checked.authorPersonIds ?? before?.authorPersonIds ?? (actor.personId === null ? [] : [actor.personId])).length,
      heroImage: hero ? { alt: hero.alt, credit: hero.credit } : null,
      heroImageId: hero ? (checked.heroImageId ?? 0) : null,
      sourceOutlet: checked.source?.outlet ?? null,
      sourceUrl: checked.source?.url ?? null,
    });
    if (problems.length) throw notPublishableError(problems);
  }

  // Writes, each undone if a later one fails.
  const undo: (() => Promise<unknown>)[] = [];
  try {
    let imageChanges: string[] = [];
    if (imageBytes && extras.heroImage) {
      const { path: _path, ...meta } = extras.heroImage;
      const { image, created } = await uploadImage(ctx, actor, imageBytes, {
        caption: '',
        ...meta,
        focalX: meta.focalX ?? 0.5,
        focalY: meta.focalY ?? 0.5,
      });
      if (created) undo.push(() => removeUnusedImage(ctx, image.id, image.file_key));
      else imageChanges = await applyImageMeta(ctx, actor, image, meta, undo);
      data.heroImageId = image.id;
    }
    let id: number;
    let action: ImportOutcome['action'];
    if (before && !changesArticle(before, parseArticleInput(data))) {
      // The file says what is stored: no save, so no revision, no "mis à jour" date, no new edit time.
      id = before.row.id;
      action = imageChanges.length ? 'updated' : 'unchanged';
    } else if (before) {
      const previous = inputOf(before);
      const { revision } = await updateArticle(ctx, actor, before.row.id, before.row.revision, data as never);
      undo.push(() => updateArticle(ctx, actor, before.row.id, revision, previous));
      id = before.row.id;
      action = 'updated';
    } else {
      ({ id } = await createArticle(ctx, actor, data as never));
      // A draft never seen in public: removed outright (byline, tags links and revisions go with it).
      undo.push(() => db.deleteFrom('articles').where('id', '=', id).execute());
      action = 'created';
    }
    const status = (await db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    if (extras.publish && status !== 'published') {
      await publishArticle(ctx, actor, id);
      if (action === 'unchanged') action = 'updated';
    }
    const saved = await loadArticleState(db, id);
    const section = await db.selectFrom('sections').select('slug').where('id', '=', saved.row.section_id).executeTakeFirst();
    return {
      action,
      id,
      headline: saved.row.headline,
      url: section ? `/${section.slug}/${saved.row.slug}` : null,
      published: isPublicNow(saved.row),
      imageChanges,
    };
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => {});
    throw error;
  }
}

/**
 * The same picture is already in the library (images are stored once per file): the credit, alt
 * text, caption and focal point the file gives apply to that image, wherever it is shown, since
 * they describe the picture. Needs `media:edit`; the previous values are restored if the item
 * fails later. Returns the French names of the fields changed.
 */
async function applyImageMeta(
  ctx: AppContext,
  actor: Actor,
  image: ImageRecord,
  meta: Omit<NonNullable<ImportExtras['heroImage']>, 'path'>,
  undo: (() => Promise<unknown>)[],
): Promise<string[]> {
  const current = { credit: image.credit, alt: image.alt, caption: image.caption, focalX: image.focal_x, focalY: image.focal_y };
  const wanted = { ...current, ...Object.fromEntries(Object.entries(meta).filter(([, value]) => value !== undefined)) };
  const changed = (Object.keys(IMAGE_FIELDS) as (keyof typeof IMAGE_FIELDS)[]).filter((key) => wanted[key] !== current[key]);
  if (changed.length === 0) return [];
  if (!can(actor, 'media:edit'))
    fail(
      'heroImage',
      `heroImage : cette image est déjà dans la médiathèque (n° ${image.id}, crédit « ${image.credit} ») ; changer son ${IMAGE_FIELDS[changed[0]!]} demande le droit de modifier les médias`,
    );
  await updateImage(ctx, actor, image.id, wanted);
  undo.push(() => updateImage(ctx, actor, image.id, current));
  return [...new Set(changed.map((key) => IMAGE_FIELDS[key]))];
}

/** Removes an image this import stored, unless something else uses it by now. */
async function removeUnusedImage(ctx: AppContext, id: number, fileKey: string): Promise<void> {
  const used = await ctx.db.selectFrom('articles').select('id').where('hero_image_id', '=', id).executeTakeFirst();
  if (used) return;
  await ctx.db.deleteFrom('images').where('id', '=', id).execute();
  await cancelJob(ctx.db, `variants:image:${id}`);
  await fs.rm(originalPath(ctx.config.dataDir, fileKey), { force: true });
}
