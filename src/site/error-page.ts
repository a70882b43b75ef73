import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { FALLBACK_SETTINGS, loadSiteChrome, type SiteChrome } from '../publication/publication-repository.ts';
import { renderLayout } from './layout.ts';

interface ErrorWording {
  title: string;
  /** What the reader can do about it, after the message. */
  advice: string;
}

const WORDING: Record<number, ErrorWording> = {
  400: { title: 'Requête invalide', advice: 'Vérifiez l’adresse saisie, ou repartez de la une.' },
  404: {
    title: 'Page introuvable',
    advice: 'L’adresse est peut-être mal orthographiée, ou la page a changé de place. Ces liens vous remettront sur la voie.',
  },
  410: { title: 'Contenu retiré', advice: 'La rédaction a retiré ce contenu de la publication. Le reste du journal vous attend.' },
};
const SERVER_ERROR: ErrorWording = {
  title: 'Erreur du serveur',
  advice: 'Réessayez dans quelques instants. Si le problème persiste, revenez un peu plus tard.',
};
const OTHER_ERROR: ErrorWording = { title: 'Erreur', advice: 'Repartez de la une ou d’une rubrique.' };

/** The French error page for a status (404, 410, 400, 500…), inside the site layout, never indexed. */
export async function renderErrorPage(ctx: AppContext, status: number, message: string, reference?: string): Promise<string> {
  const chrome = await chromeForErrors(ctx);
  const wording = WORDING[status] ?? (status >= 500 ? SERVER_ERROR : OTHER_ERROR);
  const sections = chrome.nav
    .filter((item) => item.kind === 'section')
    .map((item) => html`<li><a href="${item.href}">${fr(item.label)}</a></li>`);
  const sectionList = sections.length
    ? html`<h2 class="error-page__subtitle">Les rubriques</h2><ul class="error-page__sections">!${sections.join('')}</ul>`
    : '';
  // AppError.notFound() says "Page introuvable", which the title already says.
  const messageHtml = message.trim() && message.trim() !== wording.title ? html`<p class="error-page__message">${fr(message)}</p>` : '';
  const referenceHtml = reference
    ? html`<p class="error-page__reference">${fr('Référence de l’incident :')} <code>${reference}</code></p>`
    : '';
  const main = html`<div class="error-page"><p class="error-page__code">Erreur ${String(status)}</p><h1 class="error-page__title">${fr(wording.title)}</h1>!${messageHtml}<p class="error-page__advice">${fr(wording.advice)}</p>!${referenceHtml}<p class="error-page__home"><a class="button" href="/">Revenir à la une</a></p>!${sectionList}</div>`;
  return renderLayout(
    ctx,
    chrome,
    { title: `${wording.title} | ${chrome.settings.name}`, description: message, canonicalPath: '/', noCanonical: true, robots: 'noindex' },
    main,
    { bodyClass: 'page-error' },
  );
}

/** The site chrome, or a bare one when the database itself is what failed: the error page must still render. */
async function chromeForErrors(ctx: AppContext): Promise<SiteChrome> {
  try {
    return await loadSiteChrome(ctx.db);
  } catch {
    return {
      settings: FALLBACK_SETTINGS,
      nav: [],
      footerPages: [],
      newsletters: [],
      logo: null,
    };
  }
}
