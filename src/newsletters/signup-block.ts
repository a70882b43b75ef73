import type { Db } from '../core/db/database.ts';
import { OwnedMemo } from '../core/cache/bounded-memo.ts';
import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { listActiveNewsletters, listArchivedNewsletters, type NewsletterRow } from './newsletter-repository.ts';
import { renderSignupForm } from './signup-form.ts';

/** The cache tag of every page showing the sign-up form: a newsletter's change invalidates them. */
export const NEWSLETTERS_TAG = 'newsletters';

/** Where a newsletter's public archive lives (pages: archive-pages.ts). */
export function archivePath(n: Pick<NewsletterRow, 'slug'>): string {
  return `/newsletters/archives/${n.slug}`;
}

/** The /newsletter page's block: the sign-up form and links to the public archives, with its cache tags. */
export async function newsletterSignupBlock(db: Db): Promise<{ html: string; tags: string[] }> {
  const [newsletters, archived] = await Promise.all([listActiveNewsletters(db), listArchivedNewsletters(db)]);
  const archives = archived.length
    ? html`<section class="newsletter-archives" aria-labelledby="nl-archives-titre"><h2 id="nl-archives-titre">Les éditions déjà parues</h2><ul>!${archived.map((n) => html`<li><a href="${archivePath(n)}">${fr(n.name)}</a></li>`).join('')}</ul></section>`
    : '';
  return { html: signupBox(newsletters, 'newsletter') + archives, tags: [NEWSLETTERS_TAG] };
}

/** The sign-up box (newsletter page, end of articles): nothing when no newsletter is open. */
export function signupBox(newsletters: NewsletterRow[], where: 'newsletter' | 'article'): string {
  if (newsletters.length === 0) return '';
  // Kept with the list it shows (the site chrome's, replaced when a newsletter changes).
  return boxes.get(newsletters, where, () => buildSignupBox(newsletters, where));
}

const boxes = new OwnedMemo<NewsletterRow[], string>();

function buildSignupBox(newsletters: NewsletterRow[], where: 'newsletter' | 'article'): string {
  const title = where === 'article' ? 'Recevez nos newsletters' : 'S’inscrire';
  return html`<section class="newsletter-box" aria-labelledby="nl-${where}-titre"><h2 id="nl-${where}-titre">${title}</h2>!${renderSignupForm(newsletters, where)}</section>`;
}
