import type { z } from 'zod';
import { type Actor, assertCan } from '../accounts/policy.ts';
import { createArticle } from '../articles/operations/index.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { fieldProblems } from '../core/http/validation.ts';
import { deleteView, type DeskSettings, insertDraft, insertView, saveDeskSettings } from './board-repository.ts';
import {
  deleteFeed,
  deleteOutlet,
  findFeed,
  findItem,
  findOutlet,
  insertFeed,
  insertOutlet,
  saveExtraction,
  updateOutlet,
} from './desk-repository.ts';
import {
  type DeskFilters,
  deskSettingsSchema,
  type FeedInput,
  feedInputSchema,
  type OutletInput,
  outletInputSchema,
  viewInputSchema,
} from './desk-schemas.ts';
import { type ExtractedArticle, extractArticle } from './extract-article.ts';
import { scheduleFeed } from './feed-fetcher.ts';
import { politeGet } from './polite-client.ts';

// The desk's operations: every door (screens, tests, bench) calls these with the acting user.

function parse<S extends z.ZodType>(schema: S, input: unknown, message: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw AppError.invalid(message, fieldProblems(parsed.error));
  return parsed.data;
}

export async function createOutlet(ctx: AppContext, actor: Actor, input: OutletInput): Promise<number> {
  assertCan(actor, 'desk:use');
  return insertOutlet(ctx.db, parse(outletInputSchema, input, 'Le média n’est pas enregistré'));
}

export async function editOutlet(ctx: AppContext, actor: Actor, id: number, input: OutletInput): Promise<void> {
  assertCan(actor, 'desk:use');
  if (!(await findOutlet(ctx.db, id))) throw AppError.notFound('Ce média n’existe pas.');
  await updateOutlet(ctx.db, id, parse(outletInputSchema, input, 'Le média n’est pas enregistré'));
}

/** Removes an outlet with its feeds and items (stories keep the other outlets' items). */
export async function removeOutlet(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'desk:use');
  if (!(await findOutlet(ctx.db, id))) throw AppError.notFound('Ce média n’existe pas.');
  await deleteOutlet(ctx.db, id);
}

/** Adds a feed to an outlet; its first poll is queued at once. */
export async function addFeed(ctx: AppContext, actor: Actor, outletId: number, input: FeedInput): Promise<number> {
  assertCan(actor, 'desk:use');
  if (!(await findOutlet(ctx.db, outletId))) throw AppError.notFound('Ce média n’existe pas.');
  const feed = parse(feedInputSchema, input, 'Le flux n’est pas ajouté');
  const id = await insertFeed(ctx.db, { outletId, ...feed });
  await scheduleFeed(ctx.db, id);
  return id;
}

export async function removeFeed(ctx: AppContext, actor: Actor, outletId: number, feedId: number): Promise<void> {
  assertCan(actor, 'desk:use');
  if (!(await deleteFeed(ctx.db, outletId, feedId))) throw AppError.notFound('Ce flux n’existe pas.');
}

/** Queues a poll of the feed now (the job honours robots.txt and the politeness delay). */
export async function pollFeedNow(ctx: AppContext, actor: Actor, outletId: number, feedId: number): Promise<void> {
  assertCan(actor, 'desk:use');
  const feed = await findFeed(ctx.db, feedId);
  if (!feed || feed.outlet_id !== outletId) throw AppError.notFound('Ce flux n’existe pas.');
  await scheduleFeed(ctx.db, feedId);
}

export async function saveView(ctx: AppContext, actor: Actor, input: { name: string; filters: DeskFilters }): Promise<number> {
  assertCan(actor, 'desk:use');
  if (actor.userId === null) throw AppError.badRequest('Une vue appartient à une personne.');
  const view = parse(viewInputSchema, input, 'La vue n’est pas enregistrée');
  return insertView(ctx.db, actor.userId, view.name, view.filters);
}

export async function removeView(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'desk:use');
  if (actor.userId === null || !(await deleteView(ctx.db, actor.userId, id))) throw AppError.notFound('Cette vue n’existe pas.');
}

export async function editDeskSettings(ctx: AppContext, actor: Actor, input: DeskSettings): Promise<void> {
  assertCan(actor, 'desk:use');
  await saveDeskSettings(ctx.db, parse(deskSettingsSchema, input, 'Les réglages de la veille ne sont pas enregistrés'));
}

/** Largest article page read (pages are much smaller; this bounds a hostile one). */
const MAX_PAGE_BYTES = 3 * 1024 * 1024;

/**
 * Reads the item's page now and keeps its extracted text for the editors. A page that cannot be
 * read or holds no article is a 422 saying why, in French; nothing stored is lost.
 */
export async function readItem(ctx: AppContext, actor: Actor, itemId: number): Promise<ExtractedArticle> {
  assertCan(actor, 'desk:use');
  const item = await findItem(ctx.db, itemId);
  if (!item) throw AppError.notFound('Cet article de veille n’existe pas.');
  const answer = await politeGet(ctx, item.url, { maxBytes: MAX_PAGE_BYTES, timeoutMs: 15_000, headers: { accept: 'text/html' } });
  if (!answer.ok) throw AppError.invalid('Page illisible', [{ path: 'url', message: `La page n’a pas pu être lue : ${answer.reason}.` }]);
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(answer.contentType)?.[1] ?? 'utf-8';
  let text: string;
  try {
    text = new TextDecoder(charset.toLowerCase()).decode(answer.body);
  } catch {
    text = answer.body.toString('utf8');
  }
  const article = await extractArticle(text);
  if (!article)
    throw AppError.invalid('Page sans article', [{ path: 'url', message: 'Aucun texte d’article n’a été trouvé sur cette page.' }]);
  await saveExtraction(ctx.db, itemId, JSON.stringify(article));
  return article;
}

/**
 * Turns an item into a pépite draft: the source outlet, the original address and headline filled
 * in, in the Pépites section when there is one; the editor writes the headline and summary.
 */
export async function createPepiteDraft(ctx: AppContext, actor: Actor, itemId: number): Promise<number> {
  assertCan(actor, 'desk:use');
  const item = await findItem(ctx.db, itemId);
  if (!item) throw AppError.notFound('Cet article de veille n’existe pas.');
  const sections = await ctx.db.selectFrom('sections').select(['id', 'slug']).orderBy('position').orderBy('id').execute();
  const section = sections.find((s) => s.slug === 'pepites') ?? sections[0];
  if (!section)
    throw AppError.invalid('Aucune rubrique', [{ path: 'sectionId', message: 'Créez d’abord une rubrique pour y ranger la pépite.' }]);
  const { id } = await createArticle(ctx, actor, {
    format: 'pepite',
    sectionId: section.id,
    headline: item.headline.slice(0, 200),
    source: { outlet: item.outlet_name.slice(0, 120), url: item.url, headline: item.headline.slice(0, 300) },
  });
  await insertDraft(ctx.db, id, itemId, actor.userId);
  return id;
}
