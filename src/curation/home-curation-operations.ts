import { z } from 'zod';
import { assertCan, type Actor } from '../accounts/policy.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { TOP_STORIES } from '../home/home-repository.ts';
import { type ArticleChoice, articleChoicesByIds } from './article-search.ts';
import { FormError, parseForm } from './curation-validation.ts';

/** The lead story plus the top stories the front page shows. */
export const HOME_SLOT_COUNT = 1 + TOP_STORIES;

/** The editors' order for the front page: article ids, the first is the lead story. */
export const homeSlotsSchema = z.object({
  articleIds: z
    .array(z.int({ error: 'Liste d’articles invalide.' }).positive({ error: 'Liste d’articles invalide.' }), {
      error: 'Liste d’articles invalide.',
    })
    .max(HOME_SLOT_COUNT, `La une compte au plus ${HOME_SLOT_COUNT} articles : retirez-en un avant d’en ajouter un autre.`)
    .refine((ids) => new Set(ids).size === ids.length, 'Un article ne peut figurer qu’une fois à la une.'),
});

export type HomeSlotsInput = z.input<typeof homeSlotsSchema>;

/** A slot of the front page as the curation screen shows it. */
export interface HomeSlot {
  position: number;
  article: ArticleChoice;
}

/** The current slots, in order, with their article (public or not any more). */
export async function listHomeSlots(db: Db, now = new Date().toISOString()): Promise<HomeSlot[]> {
  const slots = await db.selectFrom('home_slots').select(['position', 'article_id']).orderBy('position').execute();
  const articles = await articleChoicesByIds(
    db,
    slots.map((s) => s.article_id),
    now,
  );
  const byId = new Map(articles.map((a) => [a.id, a]));
  return slots.flatMap((s) => {
    const article = byId.get(s.article_id);
    return article ? [{ position: s.position, article }] : [];
  });
}

/**
 * Replaces the front page's slots (lead first) in one transaction, records it in the audit log
 * and drops the cached front page. A newly placed article must be public; one already in a slot
 * may stay after being withdrawn (the site skips it).
 */
export async function saveHomeSlots(
  ctx: Pick<AppContext, 'db' | 'pageCache'>,
  actor: Actor,
  input: HomeSlotsInput,
): Promise<{ articleIds: number[] }> {
  assertCan(actor, 'curation:home');
  const { articleIds } = parseForm(homeSlotsSchema, input);
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const current = new Set((await trx.selectFrom('home_slots').select('article_id').execute()).map((r) => r.article_id));
    const found = await articleChoicesByIds(trx, articleIds, now);
    const byId = new Map(found.map((a) => [a.id, a]));
    for (const id of articleIds) {
      const article = byId.get(id);
      if (!article) throw new FormError({ articleIds: `L’article n° ${id} n’existe pas.` });
      if (!article.isPublic && !current.has(id))
        throw new FormError({ articleIds: `« ${article.headline} » n’est pas publié : seul un article en ligne peut être mis à la une.` });
    }
    await trx.deleteFrom('home_slots').execute();
    if (articleIds.length)
      await trx
        .insertInto('home_slots')
        .values(articleIds.map((article_id, position) => ({ position, article_id })))
        .execute();
    await recordAudit(trx, actor, 'curation.home', { type: 'home' }, { articleIds });
  });
  ctx.pageCache.invalidate(['home']);
  return { articleIds };
}
