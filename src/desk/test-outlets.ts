import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from '../core/html/html.ts';
import { LABELLED_ITEMS, type LabelledItem } from './labelled-stories.ts';

// A local web server playing fictional outlets, for the desk's tests, end-to-end test and bench:
// each outlet serves its items (the labelled set) as RSS, Atom, JSON Feed or a Google News sitemap,
// and each item as a realistic article page (navigation, cookie banner, share block, "À lire
// aussi", newsletter prompt, comment notice around the article). Broken feeds live under /casse/.
// All text is original, written for Kiosque.

/** The fictional outlets, their path on the server and the feed format each one serves. */
export const TEST_OUTLETS = [
  { slug: 'heraut', name: 'Le Héraut du Matin', feed: 'rss.xml' },
  { slug: 'observateur', name: 'L’Observateur des Rives', feed: 'atom.xml' },
  { slug: 'lumiere', name: 'Info Lumière', feed: 'feed.json' },
  { slug: 'carrefour', name: 'Carrefour Hebdo', feed: 'news-sitemap.xml' },
  { slug: 'filvert', name: 'Le Fil Vert', feed: 'rss.xml' },
] as const;

/** A paragraph every test page carries (long enough for the quote guard to notice it pasted). */
export const TEST_PAGE_PARAGRAPH =
  'Sur place, les habitants rencontrés partagent la même inquiétude et disent attendre des réponses claires avant la fin du mois. Plusieurs associations ont déjà demandé à être reçues par les autorités pour faire entendre leur point de vue sur la suite des événements.';

export interface TestOutletServer {
  origin: string;
  /** Requests received, path and headers, in order. */
  requests: { path: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

function slugOf(item: LabelledItem): string {
  return `${item.story}-${LABELLED_ITEMS.indexOf(item)}`;
}

/** Items of an outlet, newest first, dated back from `now` by the labelled minutes. */
function itemsOf(name: string, now: number) {
  return LABELLED_ITEMS.filter((item) => item.outlet === name).map((item) => ({
    item,
    slug: slugOf(item),
    date: new Date(now - (300 - item.minutes) * 60_000),
  }));
}

function articleLink(origin: string, outlet: string, slug: string): string {
  return `${origin}/${outlet}/articles/${slug}?utm_source=flux&utm_medium=rss&fbclid=abc123`;
}

function rss(origin: string, outlet: (typeof TEST_OUTLETS)[number], now: number): string {
  const items = itemsOf(outlet.name, now)
    .map(
      ({ item, slug, date }) =>
        `<item><title>${escapeHtml(item.headline)}</title><link>${escapeHtml(articleLink(origin, outlet.slug, slug))}</link><guid isPermaLink="false">${outlet.slug}-${slug}</guid><description><![CDATA[<p>${escapeHtml(item.summary)}</p>]]></description><pubDate>${date.toUTCString()}</pubDate></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeHtml(outlet.name)}</title><link>${origin}/${outlet.slug}/</link><description>Les dernières nouvelles</description><language>fr</language>${items}</channel></rss>`;
}

function atom(origin: string, outlet: (typeof TEST_OUTLETS)[number], now: number): string {
  const entries = itemsOf(outlet.name, now)
    .map(
      ({ item, slug, date }) =>
        `<entry><id>tag:${outlet.slug}.test,2026:${slug}</id><title type="text">${escapeHtml(item.headline)}</title><link rel="alternate" href="${escapeHtml(articleLink(origin, outlet.slug, slug))}"/><summary type="html">${escapeHtml(`<p>${item.summary}</p>`)}</summary><published>${date.toISOString()}</published><updated>${date.toISOString()}</updated></entry>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><id>${origin}/${outlet.slug}/</id><title>${escapeHtml(outlet.name)}</title><updated>${new Date(now).toISOString()}</updated><author><name>La rédaction</name></author>${entries}</feed>`;
}

function jsonFeed(origin: string, outlet: (typeof TEST_OUTLETS)[number], now: number): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: outlet.name,
    language: 'fr',
    items: itemsOf(outlet.name, now).map(({ item, slug, date }) => ({
      id: `${outlet.slug}-${slug}`,
      url: articleLink(origin, outlet.slug, slug),
      title: item.headline,
      summary: item.summary,
      date_published: date.toISOString(),
    })),
  });
}

function newsSitemap(origin: string, outlet: (typeof TEST_OUTLETS)[number], now: number): string {
  const urls = itemsOf(outlet.name, now)
    .map(
      ({ item, slug, date }) =>
        `<url><loc>${escapeHtml(`${origin}/${outlet.slug}/articles/${slug}`)}</loc><news:news><news:publication><news:name>${escapeHtml(outlet.name)}</news:name><news:language>fr</news:language></news:publication><news:publication_date>${date.toISOString()}</news:publication_date><news:title>${escapeHtml(item.headline)}</news:title></news:news></url>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${urls}</urlset>`;
}

/** A realistic article page around the item, with everything a reader of the page would skip. */
export function testArticlePage(outletName: string, item: Pick<LabelledItem, 'headline' | 'summary'>, date: Date): string {
  const e = escapeHtml;
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${e(item.headline)} — ${e(outletName)}</title><meta name="description" content="${e(item.summary)}"><meta property="article:published_time" content="${date.toISOString()}"><script>window.tracker = 'ne doit jamais tourner';</script></head><body>
<div class="cookie-banner" role="dialog" aria-label="Cookies"><p>Nous utilisons des cookies pour mesurer l’audience et vous proposer des contenus adaptés. En poursuivant votre navigation, vous acceptez leur utilisation.</p><button>Tout accepter</button><button>Tout refuser</button></div>
<header class="site-header"><a href="/">${e(outletName)}</a><nav class="main-nav"><ul><li><a href="/politique">Politique</a></li><li><a href="/societe">Société</a></li><li><a href="/culture">Culture</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article class="article">
<p class="kicker">Actualité</p>
<h1>${e(item.headline)}</h1>
<p class="chapo">${e(item.summary)}</p>
<p class="byline">Par <a rel="author" class="author" href="/auteurs/claire-dumontel">Claire Dumontel</a>, publié le <time datetime="${date.toISOString()}">${date.toISOString().slice(0, 10)}</time></p>
<figure><img src="/images/illustration.jpg" alt="Vue générale des lieux" width="800" height="450"><figcaption>Vue générale des lieux, mardi matin. <span class="credit">Photo : Jean Vasseur</span></figcaption></figure>
<div class="share-block"><span>Partager :</span> <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Envoyer par courriel</a></div>
<p>Les informations recueillies par notre rédaction confirment les premiers éléments rendus publics dans la matinée. Les responsables interrogés ont promis de nouvelles précisions dans les prochains jours, sans avancer de calendrier précis.</p>
<blockquote><p>« Nous devons d’abord comprendre ce qui s’est passé avant de prendre la moindre décision », explique une responsable locale, qui souhaite rester prudente.</p></blockquote>
<aside class="related"><h2>À lire aussi</h2><ul><li><a href="/autre-article">Un autre sujet sans rapport avec celui-ci</a></li><li><a href="/encore">Encore un article à découvrir</a></li></ul></aside>
<p>${e(TEST_PAGE_PARAGRAPH)}</p>
<p>Une réunion publique est prévue la semaine prochaine à la salle des fêtes. Les organisateurs espèrent y présenter un premier bilan et répondre aux questions des riverains.</p>
<div class="newsletter-prompt"><p>Recevez chaque matin l’essentiel de l’actualité : inscrivez-vous à notre lettre d’information gratuite.</p><form action="/lettre"><label>Courriel <input type="email" name="email"></label><button>Je m’inscris</button></form></div>
<p class="comments-notice">Les commentaires sont réservés aux abonnés. Connectez-vous pour réagir.</p>
</article></main>
<footer class="site-footer"><p>© ${e(outletName)} — Mentions légales — Contact</p></footer></body></html>`;
}

/** Starts the fictional outlets on 127.0.0.1 (a free port). `slowMs` is how long /casse/lent.xml stalls. */
export async function startTestOutlets(options: { now?: number; slowMs?: number } = {}): Promise<TestOutletServer> {
  const now = options.now ?? Date.now();
  const requests: TestOutletServer['requests'] = [];
  const pending = new Set<http.ServerResponse>();
  let origin = '';
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    requests.push({ path, headers: request.headers });
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': type, ...headers });
      response.end(body);
    };
    if (path === '/robots.txt') return send(200, 'text/plain', 'User-agent: *\nDisallow: /prive/\n');
    if (path === '/casse/invalide.xml')
      return send(
        200,
        'application/rss+xml',
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Flux cassé</title><item><title>Sans fin</item></channel>',
      );
    if (path === '/casse/encodage.xml')
      return send(
        200,
        'application/rss+xml; charset=utf-8',
        Buffer.from(
          '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Flux</title><item><title>Élection à Évreux</title><link>https://exemple.test/a</link></item></channel></rss>',
          'latin1',
        ),
      );
    if (path === '/casse/page.xml')
      return send(
        200,
        'text/html; charset=utf-8',
        '<!doctype html><html lang="fr"><head><title>Accueil</title></head><body><p>Bienvenue</p></body></html>',
      );
    if (path === '/casse/enorme.xml') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(1024 * 1024, ' ');
      response.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      for (let i = 0; i < 10; i++) response.write(chunk);
      return response.end('</channel></rss>');
    }
    if (path === '/casse/boucle-a') return send(302, 'text/plain', '', { location: '/casse/boucle-b' });
    if (path === '/casse/boucle-b') return send(302, 'text/plain', '', { location: '/casse/boucle-a' });
    if (path === '/casse/erreur.xml') return send(500, 'text/plain', 'Erreur interne');
    if (path === '/casse/lent.xml') {
      pending.add(response);
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.write('<?xml version="1.0"?>');
      const timer = setTimeout(() => {
        pending.delete(response);
        response.end('<rss version="2.0"><channel></channel></rss>');
      }, options.slowMs ?? 5000);
      response.on('close', () => clearTimeout(timer));
      return;
    }
    if (path === '/prive/flux.xml') return send(200, 'application/rss+xml', rss(origin, TEST_OUTLETS[0], now));
    const [, outletSlug, rest, slug] = path.split('/');
    const outlet = TEST_OUTLETS.find((o) => o.slug === outletSlug);
    if (!outlet) return send(404, 'text/plain', 'Introuvable');
    if (rest === 'articles' && slug) {
      const found = itemsOf(outlet.name, now).find((i) => i.slug === slug);
      if (!found) return send(404, 'text/html', '<p>Introuvable</p>');
      return send(200, 'text/html; charset=utf-8', testArticlePage(outlet.name, found.item, found.date));
    }
    const etag = `"${outlet.slug}-${now}"`;
    if (request.headers['if-none-match'] === etag) return send(304, 'text/plain', '', { etag });
    const validators = { etag, 'last-modified': new Date(now).toUTCString() };
    if (rest === 'rss.xml') return send(200, 'application/rss+xml; charset=utf-8', rss(origin, outlet, now), validators);
    if (rest === 'atom.xml') return send(200, 'application/atom+xml', atom(origin, outlet, now), validators);
    if (rest === 'feed.json') return send(200, 'application/feed+json', jsonFeed(origin, outlet, now), validators);
    if (rest === 'news-sitemap.xml') return send(200, 'application/xml', newsSitemap(origin, outlet, now), validators);
    return send(404, 'text/plain', 'Introuvable');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    async close() {
      for (const response of pending) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
