import type { ArticleTeaser } from '../articles/teaser-repository.ts';
import { articlePath } from '../articles/teaser-repository.ts';
import type { AppContext } from '../core/app-context.ts';
import type { ArticleFormat } from '../core/db/schema.ts';
import { html } from '../core/html/html.ts';
import { formatDateFr, toParisIso } from '../core/text/dates.ts';
import { fr } from '../core/text/typography.ts';
import type { SiteChrome } from '../publication/publication-repository.ts';
import type { Section } from '../sections/section-repository.ts';
import { renderLayout } from '../site/layout.ts';
import { jsonLdScript } from '../site/seo/json-ld.ts';
import { renderPagination } from '../site/teasers/pagination.ts';
import { bylineNames, FORMAT_LABELS } from '../site/teasers/teaser-card.ts';
import { MAX_COUNTED } from './search-repository.ts';
import type { SearchRequest } from './search-request.ts';
import { highlight, snippet } from './search-snippet.ts';

/** One result as the page shows it. */
export interface SearchResult {
  teaser: ArticleTeaser;
  lead: string;
  body: string;
}

/** Everything the search page shows. */
export interface SearchView {
  request: SearchRequest;
  /** The query as read (cut to its maximum length). */
  text: string;
  /** Whether the query had words to look for. */
  searchable: boolean;
  shortened: boolean;
  results: SearchResult[];
  total: number;
  pageCount: number;
  stems: ReadonlySet<string>;
  /** Queries with a close spelling that find something, when nothing matched. */
  suggestions: string[];
  sections: Section[];
  authors: { slug: string; name: string }[];
}

/** The /recherche page: the form (query and filters), then results, or a helpful word when there are none. */
export function renderSearchPage(ctx: AppContext, chrome: SiteChrome, view: SearchView): string {
  const name = chrome.settings.name;
  const { request } = view;
  const title = view.text ? `Recherche : ${view.text}` : 'Recherche';
  const url = `${ctx.config.publicUrl}/recherche`;
  const jsonLd = jsonLdScript({
    '@context': 'https://schema.org',
    '@type': 'SearchResultsPage',
    name: title,
    url: view.text ? `${url}?q=${encodeURIComponent(view.text)}` : url,
    inLanguage: 'fr',
    isPartOf: { '@type': 'WebSite', name, url: `${ctx.config.publicUrl}/` },
    ...(view.searchable
      ? {
          mainEntity: {
            '@type': 'ItemList',
            numberOfItems: view.total,
            itemListElement: view.results.map((r, i) => ({
              '@type': 'ListItem',
              position: (request.page - 1) * RESULTS_PER_PAGE + i + 1,
              url: ctx.config.publicUrl + articlePath(r.teaser),
              name: r.teaser.headline,
            })),
          },
        }
      : {}),
  });
  const head = {
    title: request.page > 1 ? `${title}, page ${request.page} | ${name}` : `${title} | ${name}`,
    description: `Rechercher dans les articles de ${name}.`,
    canonicalPath: '/recherche',
    // Result pages are for readers, not for search engines' indexes (Google asks sites to keep
    // internal search results out); the empty search page is a page like any other.
    robots: view.request.q.trim() || view.request.page > 1 ? 'noindex, follow' : undefined,
    extraHead: jsonLd,
  };
  const main = html`<div class="search">!${renderForm(view)}!${renderOutcome(view)}</div>`;
  return renderLayout(ctx, chrome, head, main, { bodyClass: 'page-search' });
}

/** Results shown per page. */
export const RESULTS_PER_PAGE = 10;

function renderForm(view: SearchView): string {
  const { request } = view;
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}"!${selected ? ' selected' : ''}>${fr(label)}</option>`;
  const formats = Object.entries(FORMAT_LABELS) as [ArticleFormat, string][];
  return html`<form class="search-form" role="search" action="/recherche" method="get" aria-labelledby="titre-recherche"><h1 class="search-form__title" id="titre-recherche">Rechercher</h1><div class="search-form__query"><label for="recherche-q">Mots à chercher</label><input type="search" id="recherche-q" name="q" value="${view.text}" maxlength="200" autocomplete="off" aria-describedby="recherche-aide"><button type="submit" class="search-form__submit">Rechercher</button></div><p class="search-form__help" id="recherche-aide">Mettez une expression entre guillemets pour la chercher telle quelle, par exemple "sommet de Vladivostok".</p><fieldset class="search-form__filters"><legend>Affiner</legend><div class="search-form__field"><label for="recherche-rubrique">Rubrique</label><select id="recherche-rubrique" name="rubrique">!${option('', 'Toutes', !request.section)}!${view.sections.map((s) => option(s.slug, s.name, s.slug === request.section)).join('')}</select></div><div class="search-form__field"><label for="recherche-format">Format</label><select id="recherche-format" name="format">!${option('', 'Tous', !request.format)}!${formats.map(([value, label]) => option(value, label, value === request.format)).join('')}</select></div><div class="search-form__field"><label for="recherche-auteur">Auteur</label><select id="recherche-auteur" name="auteur">!${option('', 'Tous', !request.author)}!${view.authors.map((a) => option(a.slug, a.name, a.slug === request.author)).join('')}</select></div><div class="search-form__field"><label for="recherche-du">Publié depuis le</label><input type="date" id="recherche-du" name="du" value="${request.from ?? ''}"></div><div class="search-form__field"><label for="recherche-au">jusqu’au</label><input type="date" id="recherche-au" name="au" value="${request.to ?? ''}"></div></fieldset></form>`;
}

function renderOutcome(view: SearchView): string {
  if (!view.text)
    return html`<p class="search__intro">${fr('Cherchez un article par ses mots : titre, chapô, texte, auteur, sujet ou média source.')}</p>`;
  const notice = view.shortened
    ? html`<p class="search__notice">${fr('Les mots très courants (le, de, et…) et ce qui dépasse 200 caractères ne sont pas pris en compte.')}</p>`
    : '';
  if (!view.searchable)
    return html`<section class="search__empty" aria-labelledby="resultats">!${notice}<h2 id="resultats">${fr('Aucun mot à chercher')}</h2><p>${fr('Votre recherche ne contient que des signes ou des mots trop courants. Essayez avec un ou plusieurs mots du sujet qui vous intéresse.')}</p></section>`;
  if (view.total === 0) return renderNothingFound(view, notice);
  const count =
    view.total > MAX_COUNTED
      ? `Plus de ${MAX_COUNTED.toLocaleString('fr-FR')} articles trouvés`
      : view.total === 1
        ? '1 article trouvé'
        : `${view.total.toLocaleString('fr-FR')} articles trouvés`;
  const items = view.results.map((r) => renderResult(r, view.stems));
  return html`<section class="search__results" aria-labelledby="resultats">!${notice}<h2 id="resultats" class="search__count">${fr(`${count} pour`)} « ${view.text} »</h2><ol class="search-results" start="${String((view.request.page - 1) * RESULTS_PER_PAGE + 1)}">!${items.join('')}</ol>!${renderPagination(searchPath(view.request), view.request.page, view.pageCount)}</section>`;
}

function renderResult(r: SearchResult, stems: ReadonlySet<string>): string {
  const t = r.teaser;
  const kicker = t.kicker.trim() ? html`<p class="search-result__kicker">!${highlight(t.kicker, stems)}</p>` : '';
  const passage = snippet(r.body, stems);
  const text = passage.includes('<mark>') ? passage : snippet(r.lead, stems) || passage;
  const byline = t.authors.length ? html` · Par ${bylineNames(t.authors)}` : '';
  const source = t.sourceOutlet ? html` · ${fr(`Source : ${t.sourceOutlet}`)}` : '';
  return html`<li class="search-result">!${kicker}<h3 class="search-result__title"><a href="${articlePath(t)}">!${highlight(t.headline, stems)}</a></h3><p class="search-result__meta">${fr(t.sectionName)} · ${FORMAT_LABELS[t.format]} · <time datetime="${toParisIso(t.publishedAt)}">${formatDateFr(t.publishedAt)}</time>!${byline}!${source}</p>!${text ? html`<p class="search-result__snippet">!${text}</p>` : ''}</li>`;
}

function renderNothingFound(view: SearchView, notice: string): string {
  const suggestions = view.suggestions.length
    ? html`<p class="search__suggestions">Essayez plutôt : !${view.suggestions
        .map((s) => html`<a href="${searchPath({ ...view.request, q: s, page: 1 })}">${s}</a>`)
        .join(' ou ')}</p>`
    : '';
  const filtered = view.request.section || view.request.format || view.request.author || view.request.from || view.request.to;
  const widen = filtered
    ? html`<li><a href="${searchPath({ q: view.text, page: 1 })}">Relancez la recherche sans les filtres</a> : ils écartent peut-être l’article que vous cherchez.</li>`
    : '';
  return html`<section class="search__empty" aria-labelledby="resultats">!${notice}<h2 id="resultats">Aucun article ne correspond à « ${view.text} »</h2>!${suggestions}<ul class="search__tips">!${widen}<li>${fr('Vérifiez l’orthographe des mots.')}</li><li>${fr('Essayez des mots plus généraux, ou moins de mots : tous doivent figurer dans l’article.')}</li><li>${fr('Retirez les guillemets pour chercher les mots séparément.')}</li></ul></section>`;
}

/** The address of a search, with its filters, for links (pagination, suggestions). */
export function searchPath(r: Partial<SearchRequest> & { q: string }): string {
  const params = new URLSearchParams({ q: r.q });
  if (r.section) params.set('rubrique', r.section);
  if (r.format) params.set('format', r.format);
  if (r.author) params.set('auteur', r.author);
  if (r.from) params.set('du', r.from);
  if (r.to) params.set('au', r.to);
  return `/recherche?${params.toString()}`;
}
