// Assertions on rendered listing pages, shared by the listing features' integration tests.

/** The JSON-LD objects of a page, parsed. */
export function jsonLdBlocks(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map(
    (m) => JSON.parse(m[1]) as Record<string, unknown>,
  );
}

/** The first JSON-LD object of a given @type, or undefined. */
export function jsonLdOfType(html: string, type: string): Record<string, unknown> | undefined {
  return jsonLdBlocks(html).find((block) => block['@type'] === type);
}

/** The heading levels of the whole document, in order. */
export function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
}

/** Problems with the heading outline: not exactly one h1, or a level skipped going down (axe heading-order). */
export function headingProblems(html: string): string[] {
  const levels = headingLevels(html);
  const problems: string[] = [];
  const h1 = levels.filter((l) => l === 1).length;
  if (h1 !== 1) problems.push(`${h1} h1`);
  levels.forEach((level, i) => {
    if (i > 0 && level > levels[i - 1] + 1) problems.push(`h${levels[i - 1]} → h${level}`);
  });
  return problems;
}

/** The <main> element's HTML. */
export function mainOf(html: string): string {
  const start = html.indexOf('<main');
  const end = html.indexOf('</main>');
  return start >= 0 && end > start ? html.slice(start, end) : '';
}

/** Article paths ("/section/slug") linked from a piece of HTML, in order, duplicates kept. */
export function articleLinks(html: string): string[] {
  return [...html.matchAll(/href="(\/[a-z0-9-]+\/[a-z0-9-]+)"/g)]
    .map((m) => m[1])
    .filter((href) => !/^\/(auteur|sujet|dossier|serie|media|assets)\//.test(href));
}

/** The value of a <meta name|property="…" content="…">. */
export function metaContent(html: string, key: string): string | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<meta (?:name|property)="${escaped}" content="([^"]*)"`).exec(html)?.[1];
}

/** The <title> text. */
export function titleOf(html: string): string {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
}

/** The href of <link rel="…">. */
export function linkHref(html: string, rel: string): string | undefined {
  return new RegExp(`<link rel="${rel}" href="([^"]*)"`).exec(html)?.[1];
}

/** HTML entities as ghtml writes them, decoded; no-break spaces made plain, for text assertions. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ');
}

/** ghtml escapes "=" in values as &#61;: decoded, so that tests can match URLs with query strings. */
export function plainAttributes(html: string): string {
  return html.replace(/&#61;/g, '=').replace(/&#38;/g, '&');
}
