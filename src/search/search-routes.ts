import type { FastifyInstance, FastifyRequest } from 'fastify';
import { teasersByIds } from '../articles/teaser-repository.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { findPersonBySlug } from '../people/person-repository.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { findSectionBySlug, listSections } from '../sections/section-repository.ts';
import { xmlEscape } from '../sitemaps/sitemap-xml.ts';
import { renderSearchPage, RESULTS_PER_PAGE, type SearchResult } from './search-page.ts';
import { type ParsedQuery, parseQuery } from './search-query.ts';
import {
  closeWords,
  hasMatch,
  MAX_COUNTED,
  listStaffAuthors,
  loadSnippetBodies,
  type SearchFilters,
  searchArticles,
} from './search-repository.ts';
import { registerSearchBackfill, startSearchBackfillIfNeeded } from './search-index.ts';
import { parseSearchRequest } from './search-request.ts';
import { queryStems } from './search-snippet.ts';

/** Beyond this page (the counted results), a search is narrowed rather than paged through. */
const MAX_PAGE = MAX_COUNTED / RESULTS_PER_PAGE;

/**
 * GET /recherche?q=…&rubrique=…&format=…&auteur=…&du=…&au=…&page=N   the search page (no JavaScript needed)
 * GET /opensearch.xml                                                  OpenSearch description (browsers' search box)
 * Job search-index-backfill: indexes the articles an existing database has without an entry.
 */
export function searchRoutes(app: FastifyInstance, ctx: AppContext): void {
  // A database from before the index (or with articles written straight into its tables) gets
  // its missing entries from the job runner, in resumable batches: nobody runs search:rebuild.
  registerSearchBackfill();
  // Not awaited: the server answers while the archive is looked at; closing stops the look.
  const closing = new AbortController();
  let check: Promise<unknown> = Promise.resolve();
  app.addHook('onReady', async () => {
    check = startSearchBackfillIfNeeded(ctx.db, ctx.dialect, closing.signal).catch((error: unknown) =>
      app.log.warn({ err: error }, 'vérification de l’index de recherche impossible'),
    );
  });
  app.addHook('onClose', async () => {
    closing.abort();
    await check;
  });
  app.get('/recherche', async (request: FastifyRequest, reply) => {
    const req = parseSearchRequest(request.query);
    if (req.page > MAX_PAGE)
      throw AppError.notFound(`Les résultats s’arrêtent à la page ${MAX_PAGE} : affinez la recherche avec plus de mots ou des filtres.`);
    const now = new Date().toISOString();
    const query = parseQuery(req.q);
    const [chrome, sections, authors, filters] = await Promise.all([
      loadSiteChrome(ctx.db),
      listSections(ctx.db),
      listStaffAuthors(ctx.db),
      resolveFilters(ctx, req),
    ]);
    const hits = filters
      ? await searchArticles(
          ctx.db,
          ctx.dialect,
          query.groups,
          filters,
          { limit: RESULTS_PER_PAGE, offset: (req.page - 1) * RESULTS_PER_PAGE },
          now,
        )
      : { ids: [], total: 0 };
    const pageCount = Math.min(MAX_PAGE, Math.max(1, Math.ceil(hits.total / RESULTS_PER_PAGE)));
    if (req.page > pageCount) throw AppError.notFound('Cette page de résultats n’existe pas : la recherche en compte moins.');
    const [teasers, bodies] = await Promise.all([teasersByIds(ctx.db, hits.ids, now, ctx.memo), loadSnippetBodies(ctx.db, hits.ids)]);
    const results: SearchResult[] = teasers.map((teaser) => ({ teaser, lead: teaser.lead, body: bodies.get(teaser.id) ?? '' }));
    const suggestions = hits.total === 0 && query.groups.length > 0 && filters ? await suggest(ctx, query, filters, now) : [];
    const selectedAuthor =
      req.author && !authors.some((a) => a.slug === req.author) ? await findPersonBySlug(ctx.db, req.author) : undefined;
    const html = renderSearchPage(ctx, chrome, {
      request: req,
      text: query.text,
      searchable: query.groups.length > 0,
      shortened: query.shortened,
      results,
      total: hits.total,
      pageCount,
      stems: queryStems(query.groups),
      suggestions,
      sections,
      authors: selectedAuthor ? [...authors, selectedAuthor] : authors,
    });
    // Results change with every publication and the possible queries are endless: not kept in the page cache.
    ctx.pages.send(request, reply, { html, tags: [], cache: false });
    return reply;
  });

  app.get('/opensearch.xml', async (_request, reply) => {
    const { settings } = await loadSiteChrome(ctx.db);
    const base = ctx.config.publicUrl;
    reply.header('cache-control', 'public, max-age=86400').type('application/opensearchdescription+xml; charset=utf-8');
    return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
<ShortName>${xmlEscape(settings.name.slice(0, 16))}</ShortName>
<Description>${xmlEscape(`Rechercher dans les articles de ${settings.name}`.slice(0, 1024))}</Description>
<InputEncoding>UTF-8</InputEncoding>
<Language>fr</Language>
<Image height="16" width="16" type="image/svg+xml">${xmlEscape(`${base}/favicon.svg`)}</Image>
<Url type="text/html" method="get" template="${xmlEscape(`${base}/recherche?q={searchTerms}`)}"/>
<Url type="application/opensearchdescription+xml" rel="self" template="${xmlEscape(`${base}/opensearch.xml`)}"/>
</OpenSearchDescription>
`;
  });
}

/** The filters as ids; null when one names something that does not exist (then nothing matches). */
async function resolveFilters(ctx: AppContext, req: ReturnType<typeof parseSearchRequest>): Promise<SearchFilters | null> {
  const filters: SearchFilters = { format: req.format };
  if (req.section) {
    const section = await findSectionBySlug(ctx.db, req.section);
    if (!section) return null;
    filters.sectionId = section.id;
  }
  if (req.author) {
    const person = await findPersonBySlug(ctx.db, req.author);
    if (!person) return null;
    filters.personId = person.id;
  }
  if (req.from) filters.from = `${req.from}T00:00:00.000Z`;
  if (req.to) filters.until = new Date(Date.parse(`${req.to}T00:00:00.000Z`) + 86400_000).toISOString();
  return filters;
}

/**
 * Close spellings that do find articles: each single word is swapped for the nearest known words,
 * and a suggestion is kept only when its search has results.
 */
async function suggest(ctx: AppContext, query: ParsedQuery, filters: SearchFilters, now: string): Promise<string[]> {
  const out: string[] = [];
  const singles = query.groups.map((g, i) => ({ g, i })).filter(({ g }) => g.length === 1);
  for (const { g, i } of singles.slice(0, 4)) {
    for (const candidate of await closeWords(ctx.db, g[0]!)) {
      const groups = query.groups.map((other, j) => (j === i ? [candidate] : other));
      if (await hasMatch(ctx.db, ctx.dialect, groups, filters, now)) {
        out.push(groups.map((x) => (x.length > 1 ? `"${x.join(' ')}"` : x[0])).join(' '));
        break;
      }
    }
    if (out.length >= 3) break;
  }
  return [...new Set(out)];
}
