import { SITE_TAG } from '../core/cache/page-cache.ts';
import { forgetSiteChrome } from '../publication/publication-repository.ts';
import { z } from 'zod';
import { type Actor, assertCan } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { slugify } from '../core/text/slug.ts';
import { type EditionBlock, blocksSchema } from './edition-blocks.ts';
import { composeEdition } from './edition-compose.ts';
import { findEdition, insertEdition } from './edition-repository.ts';
import { findNewsletter } from './newsletter-repository.ts';
import { recipeSchema } from './newsletter-recipe.ts';
import { enqueueEditionSend } from './send-job.ts';
import { scheduleDailyEdition } from './daily-edition-job.ts';
import { NEWSLETTERS_TAG } from './signup-block.ts';

function problems(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw AppError.invalid('Vérifiez les champs signalés.', problems(parsed.error));
  return parsed.data;
}

export const newsletterInputSchema = z.object({
  name: z.string().trim().min(2, 'Donnez un nom d’au moins 2 caractères.').max(120, 'Le nom doit compter au plus 120 caractères.'),
  description: z.string().trim().max(500, 'La description doit compter au plus 500 caractères.').default(''),
  cadence: z.string().trim().max(120, 'La fréquence doit compter au plus 120 caractères.').default(''),
  senderName: z.string().trim().min(1, 'Indiquez le nom de l’expéditeur.').max(120),
  senderEmail: z.email({ error: 'Saisissez une adresse d’expéditeur valable, par exemple lettre@exemple.fr.' }),
  replyTo: z.union([z.literal(''), z.email({ error: 'Saisissez une adresse de réponse valable, ou laissez vide.' })]).default(''),
  sendHour: z.number().int().min(0, 'Heure entre 0 et 23.').max(23, 'Heure entre 0 et 23.').nullable().default(null),
  needsApproval: z.boolean().default(false),
  publicArchive: z.boolean().default(true),
  /** Opt-in: opens and clicks counted per edition (totals only). Off unless chosen. */
  countAudience: z.boolean().default(false),
  active: z.boolean().default(true),
  recipe: recipeSchema.default(recipeSchema.parse({})),
});

export type NewsletterInput = z.input<typeof newsletterInputSchema>;

/** A newsletter's columns as the form sets them (create and update alike). */
function columnsOf(v: z.infer<typeof newsletterInputSchema>) {
  return {
    name: v.name,
    description: v.description,
    cadence: v.cadence,
    sender_name: v.senderName,
    sender_email: v.senderEmail.toLowerCase(),
    reply_to: v.replyTo.toLowerCase(),
    recipe: JSON.stringify(v.recipe),
    send_hour: v.sendHour,
    needs_approval: v.needsApproval ? 1 : 0,
    public_archive: v.publicArchive ? 1 : 0,
    count_audience: v.countAudience ? 1 : 0,
    active: v.active ? 1 : 0,
  };
}

/** Creates a newsletter (its slug from its name, made unique). */
export async function createNewsletter(ctx: AppContext, actor: Actor, input: NewsletterInput): Promise<number> {
  assertCan(actor, 'newsletter:manage');
  const v = parse(newsletterInputSchema, input);
  const now = new Date().toISOString();
  const base = slugify(v.name) || 'newsletter';
  let slug = base;
  for (let n = 2; await ctx.db.selectFrom('newsletters').select('id').where('slug', '=', slug).executeTakeFirst(); n++)
    slug = `${base}-${n}`;
  const row = await ctx.db
    .insertInto('newsletters')
    .values({
      slug,
      ...columnsOf(v),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await scheduleDailyEdition(ctx.db, { id: row.id, send_hour: v.sendHour, active: v.active ? 1 : 0 });
  newslettersChanged(ctx);
  return row.id;
}

/** The footer and article-end forms come with the site chrome: every page shows the change. */
function newslettersChanged(ctx: AppContext): void {
  forgetSiteChrome(ctx.db);
  ctx.pageCache.invalidate([NEWSLETTERS_TAG, SITE_TAG]);
}

/** Saves a newsletter's settings. */
export async function updateNewsletter(ctx: AppContext, actor: Actor, id: number, input: NewsletterInput): Promise<void> {
  assertCan(actor, 'newsletter:manage');
  const v = parse(newsletterInputSchema, input);
  if (!(await findNewsletter(ctx.db, id))) throw AppError.notFound('Cette newsletter n’existe pas.');
  await ctx.db
    .updateTable('newsletters')
    .set({
      ...columnsOf(v),
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', id)
    .execute();
  await scheduleDailyEdition(ctx.db, { id, send_hour: v.sendHour, active: v.active ? 1 : 0 });
  newslettersChanged(ctx);
}

/** A new draft edition, composed from the site by the newsletter's recipe. */
export async function startEdition(ctx: AppContext, actor: Actor, newsletterId: number, now = new Date()): Promise<number> {
  assertCan(actor, 'newsletter:manage');
  const newsletter = await findNewsletter(ctx.db, newsletterId);
  if (!newsletter) throw AppError.notFound('Cette newsletter n’existe pas.');
  const composed = await composeEdition(ctx, newsletter, now);
  return insertEdition(ctx.db, {
    newsletterId,
    subject: composed.subject,
    blocks: composed.blocks,
    status: 'draft',
    createdBy: actor.userId,
  });
}

const editionInputSchema = z.object({
  subject: z.string().trim().min(2, 'Donnez un objet au message.').max(200, 'L’objet doit compter au plus 200 caractères.'),
  intro: z.string().trim().max(4000, 'L’introduction doit compter au plus 4 000 caractères.'),
  blocks: blocksSchema,
});

async function editableEdition(ctx: AppContext, id: number) {
  const edition = await findEdition(ctx.db, id);
  if (!edition) throw AppError.notFound('Cette édition n’existe pas.');
  if (edition.status === 'sending' || edition.status === 'sent')
    throw new AppError('conflict', 409, 'Cette édition est déjà partie : elle ne peut plus être modifiée.');
  return edition;
}

/** Saves the editor's version of an edition (subject, intro, blocks in order). Articles must be public. */
export async function saveEdition(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { subject: string; intro: string; blocks: EditionBlock[] },
): Promise<void> {
  assertCan(actor, 'newsletter:manage');
  const v = parse(editionInputSchema, input);
  await editableEdition(ctx, id);
  await ctx.db
    .updateTable('newsletter_editions')
    .set({ subject: v.subject, intro: v.intro, blocks: JSON.stringify(v.blocks), updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

/**
 * Schedules an edition (now when `at` is null). A newsletter that asks for approval holds it
 * until an editor approves it; approving then schedules it for its time.
 */
export async function scheduleEdition(
  ctx: AppContext,
  actor: Actor,
  id: number,
  at: Date | null,
  now = new Date(),
): Promise<'scheduled' | 'awaiting_approval'> {
  assertCan(actor, 'newsletter:manage');
  const edition = await editableEdition(ctx, id);
  if (at && at.getTime() < now.getTime() - 60_000)
    throw AppError.invalid('Choisissez une heure à venir.', [{ path: 'at', message: 'Choisissez une heure à venir.' }]);
  const newsletter = await findNewsletter(ctx.db, edition.newsletter_id);
  const when = (at ?? now).toISOString();
  const status = newsletter?.needs_approval ? 'awaiting_approval' : 'scheduled';
  await ctx.db
    .updateTable('newsletter_editions')
    .set({ status, scheduled_at: when, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
  if (status === 'scheduled') await enqueueEditionSend(ctx, id, when);
  return status;
}

/** An editor approves an edition waiting for approval: it leaves at its time. */
export async function approveEdition(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'newsletter:manage');
  const edition = await editableEdition(ctx, id);
  if (edition.status !== 'awaiting_approval') throw new AppError('conflict', 409, 'Cette édition n’attend pas d’approbation.');
  const when = edition.scheduled_at ?? new Date().toISOString();
  await ctx.db
    .updateTable('newsletter_editions')
    .set({ status: 'scheduled', approved_by: actor.userId, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'awaiting_approval')
    .execute();
  await enqueueEditionSend(ctx, id, when);
}
