import type { Db } from '../core/db/database.ts';
import { html } from '../core/html/html.ts';
import { listActiveNewsletters } from './newsletter-repository.ts';
import { renderSignupForm } from './signup-form.ts';

/** The cache tag of every page showing the sign-up form: a newsletter's change invalidates them. */
export const NEWSLETTERS_TAG = 'newsletters';

/** The sign-up block of a public page (empty when no newsletter is open), with its cache tags. */
export async function newsletterSignupBlock(db: Db, where: 'newsletter' | 'article'): Promise<{ html: string; tags: string[] }> {
  const newsletters = await listActiveNewsletters(db);
  if (newsletters.length === 0) return { html: '', tags: [NEWSLETTERS_TAG] };
  const title = where === 'article' ? 'Recevez nos newsletters' : 'S’inscrire';
  return {
    html: html`<section class="newsletter-box" aria-labelledby="nl-${where}-titre"><h2 id="nl-${where}-titre">${title}</h2>!${renderSignupForm(newsletters, where)}</section>`,
    tags: [NEWSLETTERS_TAG],
  };
}
