// Reading a public listing page (section, tag, author, series) as a browser shows it.

/** The article links of a listing's teasers, in order (the main area, before the pagination). */
export function teaserLinks(body: string): string[] {
  const main = body.slice(body.indexOf('<main'), body.indexOf('class="pagination"'));
  return [...main.matchAll(/<a class="teaser__link" href="([^"]+)"/g)].map((m) => m[1]!);
}
