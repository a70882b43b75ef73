import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import type { Crumb } from './seo/breadcrumb-json-ld.ts';

export type { Crumb } from './seo/breadcrumb-json-ld.ts';

/** The visible trail "Accueil › Section › Page"; crumbs include the home page, the last one is the current page (not a link). */
export function renderBreadcrumb(crumbs: readonly Crumb[]): string {
  const items = crumbs.map((crumb, index) =>
    index === crumbs.length - 1
      ? html`<li aria-current="page">${fr(crumb.name)}</li>`
      : html`<li><a href="${crumb.path}">${fr(crumb.name)}</a></li>`,
  );
  return html`<nav class="breadcrumb" aria-label="Fil d’Ariane"><ol>!${items.join('')}</ol></nav>`;
}
