import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { renderLayout } from './layout.ts';

const TITLES: Record<number, string> = { 404: 'Page introuvable', 410: 'Contenu retiré', 400: 'Requête invalide' };

/** The French error page for a status (404, 410, 400, 500…), inside the site layout. */
export async function renderErrorPage(ctx: AppContext, status: number, message: string): Promise<string> {
  const chrome = await loadSiteChrome(ctx.db);
  const title = TITLES[status] ?? (status >= 500 ? 'Erreur du serveur' : 'Erreur');
  const main = html`<h1>${title}</h1><p>${message}</p><p><a href="/">Retour à la une</a></p>`;
  return renderLayout(ctx, chrome, { title: `${title} | ${chrome.settings.name}`, description: message, canonicalPath: '/', robots: 'noindex' }, main);
}
