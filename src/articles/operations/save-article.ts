import { type Actor, assertCan } from '../../accounts/policy.ts';
import { canEditArticle } from '../visibility.ts';
import type { AppContext } from '../../core/app-context.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError } from '../../core/http/app-error.ts';
import { formatDateTimeFr } from '../../core/text/dates.ts';
import { indexArticle } from '../../search/search-index.ts';
import { isPublicNow } from '../published.ts';
import { announceToCrawlers } from './article-announce.ts';
import { invalidateArticle } from './article-cache.ts';
import { announceArticleChange } from './article-events.ts';
import { type ArticleInput, type ArticleInputData, parseArticleInput, validationError } from './article-input.ts';
import { z } from 'zod';
import { storedBodyColumns } from '../body/stored-body.ts';
import {
  type ArticleState,
  appendCorrections,
  articleIdByDraftKey,
  checkReferences,
  columnsOf,
  freeSlug,
  inputOf,
  insertRevision,
  keepOldSlug,
  lastEditor,
  loadArticleState,
  lockForWrite,
  policySubject,
  slugTakenByAnother,
  writeAuthors,
  writeTags,
} from './article-store.ts';

const FORBIDDEN_EDIT = 'Vous ne pouvez pas modifier cet article.';

/** Creates a draft (revision 1) owned by the actor; without authors given, the actor's own profile signs it. */
export async function createArticle(
  ctx: AppContext,
  actor: Actor,
  data: ArticleInputData,
  options: { draftKey?: string } = {},
): Promise<{ id: number; revision: number }> {
  assertCan(actor, 'article:create');
  const input = parseArticleInput(data);
  const authorPersonIds = input.authorPersonIds ?? (actor.personId === null ? [] : [actor.personId]);
  return ctx.db.transaction().execute(async (trx) => {
    await lockForWrite(trx, null);
    const now = new Date().toISOString();
    await checkReferences(trx, { ...input, authorPersonIds });
    const slug = input.slug ? await requireFreeSlug(trx, input.slug, null) : await freeSlug(trx, input.headline, null);
    const columns = columnsOf(input, slug);
    const inserted = await trx
      .insertInto('articles')
      .values({
        ...columns,
        ...storedBodyColumns(columns.body, input.body, new URL(ctx.config.publicUrl).origin),
        status: 'draft',
        created_at: now,
        published_at: null,
        updated_at: null,
        revision: 1,
        created_by_user_id: actor.userId,
        edited_at: now,
        edited_by_user_id: actor.userId,
        draft_key: options.draftKey ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(inserted.id);
    await writeAuthors(trx, id, authorPersonIds);
    await writeTags(trx, id, input.tags);
    await appendCorrections(trx, id, [], input.corrections, now);
    const after = await loadArticleState(trx, id);
    await insertRevision(trx, id, 1, inputOf(after), actor.userId, now);
    // The back office finds drafts by the same index readers search (public search keeps to public articles).
    await indexArticle(trx, ctx.dialect, id);
    return { id, revision: 1 };
  });
}

/** A draft key as the "new article" form carries it (a random UUID); anything else is refused. */
export const draftKeySchema = z.string().regex(/^[A-Za-z0-9-]{16,64}$/, 'Clé de brouillon invalide.');

/** The revision a creation produces: a later first save of the same form builds on it. */
const FIRST_REVISION = 1;

/**
 * The first save of a "new article" form, idempotent by the form's draft key: the first request to
 * arrive creates the article, every other one (saves in flight at once, a manual save racing the
 * autosave, a duplicated tab, a save whose answer was lost) saves over the revision that creation
 * made, so one form never makes two articles. If the article has moved on since, that is a
 * conflict (409 naming the article) rather than a silent overwrite.
 */
export async function saveNewDraft(
  ctx: AppContext,
  actor: Actor,
  draftKey: string,
  data: ArticleInputData,
): Promise<{ id: number; revision: number; created: boolean }> {
  const parsed = draftKeySchema.safeParse(draftKey);
  if (!parsed.success) throw AppError.badRequest('Clé de brouillon invalide : rechargez la page « Nouvel article ».');
  const key = parsed.data;
  let id = await articleIdByDraftKey(ctx.db, key);
  if (id === null) {
    try {
      return { ...(await createArticle(ctx, actor, data, { draftKey: key })), created: true };
    } catch (error) {
      // Lost the race for the unique draft key: the article exists now, save over it below.
      id = await articleIdByDraftKey(ctx.db, key);
      if (id === null) throw error;
    }
  }
  try {
    const { revision } = await updateArticle(ctx, actor, id, FIRST_REVISION, data);
    return { id, revision, created: false };
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') {
      throw new AppError('conflict', 409, error.message, { details: { ...(error.details as object), articleId: id } });
    }
    throw error;
  }
}

/**
 * Saves the article's fields over revision `expectedRevision`. Optimistic locking: if someone saved
 * since, nothing is stored and a 409 'conflict' says who and when. Saving a public article sets its
 * "mis à jour" date; renaming a once-public article keeps the old address as a redirect.
 */
export async function updateArticle(
  ctx: AppContext,
  actor: Actor,
  id: number,
  expectedRevision: number,
  data: ArticleInputData,
): Promise<{ revision: number }> {
  const input = parseArticleInput(data);
  const { before, after } = await ctx.db.transaction().execute(async (trx) => {
    await lockForWrite(trx, id);
    const before = await loadArticleState(trx, id);
    if (!canEditArticle(actor, policySubject(before))) throw new AppError('forbidden', 403, FORBIDDEN_EDIT);
    if (before.row.revision !== expectedRevision) throw await conflictError(trx, before);
    const after = await applyUpdate(trx, actor, before, input, new URL(ctx.config.publicUrl).origin);
    await indexArticle(trx, ctx.dialect, id);
    await announceToCrawlers(trx, ctx, before, after);
    await announceArticleChange(ctx, trx, before, after);
    return { before, after };
  });
  invalidateArticle(ctx, before, after);
  return { revision: after.row.revision };
}

/**
 * Writes an input over a loaded article inside the caller's transaction: fields, the body as the
 * public page shows it (rendered for the site's origin), byline, tags, new corrections, slug
 * redirect, revision snapshot. Returns the state after the save.
 */
export async function applyUpdate(
  trx: Db,
  actor: Actor,
  before: ArticleState,
  input: ArticleInput,
  siteOrigin: string,
): Promise<ArticleState> {
  const now = new Date().toISOString();
  const row = before.row;
  const authorPersonIds = input.authorPersonIds ?? before.authorPersonIds;
  await checkReferences(trx, { ...input, authorPersonIds });

  // Published at least once: its address has been seen, so it is kept when it changes.
  const everPublic = row.published_at !== null && row.published_at <= now && row.status !== 'scheduled';
  const slug = input.slug
    ? input.slug === row.slug
      ? row.slug
      : await requireFreeSlug(trx, input.slug, row.id)
    : everPublic || row.status === 'published' || row.status === 'scheduled'
      ? row.slug
      : await freeSlug(trx, input.headline, row.id); // a draft's address follows its headline until set by hand

  const columns = columnsOf(input, slug);
  const updated = await trx
    .updateTable('articles')
    .set((eb) => ({
      ...columns,
      ...storedBodyColumns(columns.body, input.body, siteOrigin),
      revision: eb('revision', '+', 1),
      edited_at: now,
      edited_by_user_id: actor.userId,
      ...(isPublicNow(row, now) ? { updated_at: now } : {}),
    }))
    .where('id', '=', row.id)
    .where('revision', '=', row.revision)
    .executeTakeFirst();
  // Someone saved between our read and our write: the transaction rolls back.
  if (Number(updated.numUpdatedRows) !== 1) throw await conflictError(trx, await loadArticleState(trx, row.id));

  await writeAuthors(trx, row.id, authorPersonIds);
  await writeTags(trx, row.id, input.tags);
  await appendCorrections(trx, row.id, before.corrections, input.corrections, now);
  if (slug !== row.slug && everPublic) await keepOldSlug(trx, row.id, row.slug, slug, now);

  const after = await loadArticleState(trx, row.id);
  await insertRevision(trx, row.id, after.row.revision, inputOf(after), actor.userId, now);
  return after;
}

/** The 409 for a stale save: who saved the newer version, and when. */
export async function conflictError(db: Db, current: ArticleState): Promise<AppError> {
  const editor = await lastEditor(db, current.row);
  const who = editor.name ?? 'quelqu’un d’autre';
  const when = editor.at ? ` le ${formatDateTimeFr(editor.at)}` : '';
  return new AppError(
    'conflict',
    409,
    `Cet article a été modifié par ${who}${when} pendant que vous l’éditiez : vos modifications n’ont pas été enregistrées. Rechargez la version actuelle (version ${current.row.revision}) avant de reprendre.`,
    { details: { currentRevision: current.row.revision, editedBy: editor.name, editedAt: editor.at } },
  );
}

async function requireFreeSlug(db: Db, slug: string, articleId: number | null): Promise<string> {
  if (await slugTakenByAnother(db, slug, articleId)) {
    throw validationError('L’article n’a pas été enregistré', [{ path: 'slug', message: 'Adresse : déjà utilisée par un autre article' }]);
  }
  return slug;
}
