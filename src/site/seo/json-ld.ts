/**
 * A JSON-LD block for the <head>. JSON.stringify leaves "<" as is, so "</script>" in a headline
 * would end the element early: "<" is written \u003c (still the same JSON string). U+2028 and
 * U+2029 are escaped too, as some parsers treat them as line ends inside strings.
 */
export function jsonLdScript(data: object): string {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `<script type="application/ld+json">${json}</script>`;
}

/** A schema.org Organization for `publisher` fields. */
export function organizationJsonLd(publisher: { name: string; url: string; logoUrl?: string | null }): object {
  return {
    '@type': 'Organization',
    name: publisher.name,
    url: publisher.url,
    ...(publisher.logoUrl ? { logo: { '@type': 'ImageObject', url: publisher.logoUrl } } : {}),
  };
}
