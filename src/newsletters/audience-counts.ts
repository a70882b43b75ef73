import type { AppContext } from '../core/app-context.ts';
import type { AudienceCounting } from './edition-render.ts';
import { clickCountToken, editionOfClickToken, editionOfOpenToken, newsletterSecret, openCountToken } from './newsletter-links.ts';

/**
 * Audience counts, opt-in per newsletter (`count_audience`, off by default, as the CNIL asks of
 * newsletter tracking): an edition's opens and clicks are two integers on its row, bumped by a
 * pixel and a redirect whose URLs name the edition only. No reader id is in any URL, nothing is
 * written per request but the increment, and no cookie is read or set: nobody's reading is known.
 */

/** The pixel and counted links of one edition (used only when its newsletter counts its audience). */
export function audienceCounting(secret: string, editionId: number): AudienceCounting {
  return {
    pixelPath: `/newsletters/ouverture/${openCountToken(secret, editionId)}/pixel.gif`,
    linkPath: (url) => `/newsletters/clic/${clickCountToken(secret, editionId, url)}?vers=${encodeURIComponent(url)}`,
  };
}

/** Adds one to an edition's counter, if its newsletter counts its audience and the edition went out. */
async function bump(ctx: AppContext, editionId: number, counter: 'opens' | 'clicks'): Promise<void> {
  await ctx.db
    .updateTable('newsletter_editions')
    .set((eb) => ({ [counter]: eb(eb.ref(counter), '+', 1) }))
    .where('id', '=', editionId)
    .where('status', 'in', ['sending', 'sent'])
    .where('newsletter_id', 'in', (eb) => eb.selectFrom('newsletters').select('id').where('count_audience', '=', 1))
    .execute();
}

/** Counts an open from the edition's pixel; a forged token counts nothing. */
export async function countOpen(ctx: AppContext, token: string): Promise<void> {
  const editionId = editionOfOpenToken(await newsletterSecret(ctx), token);
  if (editionId !== null) await bump(ctx, editionId, 'opens');
}

/**
 * Counts a click on a counted link and answers where it leads, or null when the token does not
 * sign that URL (the route is not an open redirect).
 */
export async function countClick(ctx: AppContext, token: string, url: string): Promise<string | null> {
  const editionId = editionOfClickToken(await newsletterSecret(ctx), token, url);
  if (editionId === null) return null;
  await bump(ctx, editionId, 'clicks');
  return url;
}
