import type { ArticleTeaser } from '../articles/teaser-repository.ts';
import type { AppContext } from '../core/app-context.ts';
import { formatDateFr } from '../core/text/dates.ts';
import { loadHome } from '../home/home-repository.ts';
import type { EditionBlock } from './edition-blocks.ts';
import type { NewsletterRow } from './newsletter-repository.ts';
import { parseRecipe } from './newsletter-recipe.ts';

/**
 * The automatic edition of a newsletter, from what the site shows now (la une as the editors
 * composed it): the lead, the top stories, the latest Pépites, new videos and podcasts, each in
 * the numbers its recipe asks for, no article twice. The editor then reorders, removes, adds.
 */
export async function composeEdition(
  ctx: AppContext,
  newsletter: NewsletterRow,
  now = new Date(),
): Promise<{ subject: string; blocks: EditionBlock[] }> {
  const recipe = parseRecipe(newsletter.recipe);
  const home = await loadHome(ctx.db, now.toISOString());
  const seen = new Set<number>();
  const blocks: EditionBlock[] = [];
  const add = (teasers: (ArticleTeaser | null)[], role: Extract<EditionBlock, { kind: 'article' }>['role'], count: number) => {
    let added = 0;
    for (const t of teasers) {
      if (!t || added >= count || seen.has(t.id)) continue;
      seen.add(t.id);
      blocks.push({ kind: 'article', articleId: t.id, role });
      added++;
    }
  };
  if (recipe.lead) add([home.lead], 'lead', 1);
  add(home.top, 'story', recipe.topStories);
  add(home.pepites.teasers, 'pepite', recipe.pepites);
  add(home.videos, 'video', recipe.videos);
  add(home.podcasts, 'podcast', recipe.podcasts);
  const lead = recipe.lead ? home.lead : null;
  const subject = lead ? `${newsletter.name} — ${lead.headline}` : `${newsletter.name} du ${formatDateFr(now.toISOString())}`;
  return { subject: subject.slice(0, 200), blocks };
}
