import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { AppContext } from '../core/app-context.ts';
import { AssetRegistry } from '../core/assets/asset-registry.ts';
import { loadConfig } from '../core/config.ts';
import type { SiteChrome } from '../publication/publication-repository.ts';
import { registerFonts, TEXT_FONT_FILE } from './fonts/font-faces.ts';
import { renderLayout } from './layout.ts';
import { registerSiteAssets } from './site-assets.ts';

let ctx: AppContext;
before(async () => {
  const assets = new AssetRegistry();
  await registerSiteAssets(assets);
  ctx = { config: loadConfig({ PUBLIC_URL: 'https://gazette.example', NODE_ENV: 'test' }), assets } as AppContext;
});

const chrome = (over: Partial<SiteChrome> = {}): SiteChrome => ({
  settings: {
    id: 1,
    name: "L'Écho",
    tagline: 'Vu de près : chaque jour',
    public_url: null,
    language: 'fr',
    logo_image_id: null,
    comments_mode: 'open',
    comments_notice: '',
    comments_close_after_days: 0,
    comments_alert_threshold: 5,
    comments_alert_window_hours: 2,
    comments_spam_threshold: 0.9,
    feed_full_text: 1,
    updated_at: '2026-01-01T00:00:00.000Z',
  },
  nav: [
    { label: 'Qui sommes-nous ?', href: '/a-propos', kind: 'page', slug: 'a-propos' },
    { label: 'Monde', href: '/monde', kind: 'section', slug: 'monde' },
    { label: 'Ailleurs', href: 'https://ailleurs.example/', kind: 'url', slug: null },
  ],
  footerPages: [],
  logo: null,
  newsletters: [],
  ...over,
});

test('the document: lang, head, skip link first, one main landmark', () => {
  const page = renderLayout(
    ctx,
    chrome(),
    { title: "Titre : l'essai | L'Écho", description: "Une description : l'essai", canonicalPath: '/monde/x' },
    '<p>Contenu</p>',
  );
  assert.ok(
    page.startsWith(
      '<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    ),
  );
  // Typography in text (the title) but not in attributes (the description).
  assert.match(page, /<title>Titre\u00a0: l’essai \| L’Écho<\/title>/);
  assert.match(page, /<meta name="description" content="Une description : l&#39;essai">/);
  assert.match(page, /<link rel="canonical" href="https:\/\/gazette.example\/monde\/x">/);
  assert.match(page, /<meta name="robots" content="index, follow, max-image-preview:large">/);
  assert.match(
    page,
    /<meta name="theme-color" content="#[0-9a-f]{6}" media="\(prefers-color-scheme: light\)"><meta name="theme-color" content="#[0-9a-f]{6}" media="\(prefers-color-scheme: dark\)">/,
  );
  assert.match(page, /<script type="module" src="\/assets\/site\.[0-9a-f]+\.js"><\/script>/);
  assert.match(page, /<body><a class="skip-link" href="#contenu">Aller au contenu<\/a><header/);
  assert.equal(page.match(/<main id="contenu"/g)?.length, 1);
  assert.match(page, /<a class="masthead__name" href="\/">L’Écho<\/a><p class="masthead__tagline">Vu de près\u00a0: chaque jour<\/p>/);
});

test('navigation: the current section is marked, labels typographed, URLs untouched', () => {
  const page = renderLayout(ctx, chrome(), { title: 'T', description: 'D', canonicalPath: '/monde' }, '', { currentSlug: 'monde' });
  assert.match(page, /<a class="site-nav__link" href="\/monde" aria-current="page">Monde<\/a>/);
  assert.equal(page.match(/aria-current="page"/g)?.length, 1);
  assert.match(page, /href="\/a-propos">Qui sommes-nous\u202f\?<\/a>/);
  assert.match(page, /href="https:\/\/ailleurs.example\/">Ailleurs<\/a>/);
  const home = renderLayout(ctx, chrome(), { title: 'T', description: 'D', canonicalPath: '/' }, '', { isHome: true });
  assert.match(home, /<a class="masthead__name" href="\/" aria-current="page">/);
});

test('footer: about, legal notice and accessibility statement with its status, from the pages table or by default', () => {
  const byDefault = renderLayout(ctx, chrome(), { title: 'T', description: 'D', canonicalPath: '/' }, '');
  assert.match(byDefault, /<a href="\/mentions-legales">Mentions légales<\/a>/);
  assert.match(byDefault, /<a href="\/accessibilite">Accessibilité\u00a0: partiellement conforme<\/a>/);
  assert.match(byDefault, /<a href="\/a-propos">Qui sommes-nous\u202f\?<\/a>/);
  assert.match(byDefault, /© \d{4} L’Écho\./);
  const fromPages = renderLayout(
    ctx,
    chrome({
      footerPages: [
        { kind: 'about', slug: 'qui-sommes-nous', title: "L'Écho, c'est qui ?" },
        { kind: 'legal', slug: 'mentions', title: 'Mentions' },
        { kind: 'newsletter', slug: 'lettre', title: 'La lettre' },
      ],
    }),
    { title: 'T', description: 'D', canonicalPath: '/' },
    '',
  );
  assert.match(fromPages, /<a href="\/qui-sommes-nous">L’Écho, c’est qui\u202f\?<\/a>/);
  assert.match(fromPages, /<a href="\/lettre">La lettre<\/a>/);
  assert.match(fromPages, /<a href="\/mentions">Mentions légales<\/a>/);
});

test('error pages can leave the canonical out and ask not to be indexed', () => {
  const page = renderLayout(ctx, chrome(), { title: 'T', description: 'D', canonicalPath: '/', noCanonical: true, robots: 'noindex' }, '');
  assert.doesNotMatch(page, /rel="canonical"/);
  assert.match(page, /<meta name="robots" content="noindex">/);
});

test('the head preloads the text font, before the stylesheet that names it', () => {
  const page = renderLayout(ctx, chrome(), { title: 'T', description: 'D', canonicalPath: '/' }, '<p>x</p>');
  const head = page.slice(0, page.indexOf('</head>'));
  const fontUrl = ctx.assets.url(TEXT_FONT_FILE);
  assert.match(fontUrl, /^\/assets\/source-serif-4-latin-roman\.[\w-]+\.woff2$/);
  const preload = `<link rel="preload" href="${fontUrl}" as="font" type="font/woff2" crossorigin>`;
  assert.ok(head.includes(preload), head);
  assert.ok(head.indexOf(preload) < head.indexOf('rel="stylesheet"'));
  // Exactly one font is preloaded: the roman French file the headline and lead use.
  assert.equal(head.match(/rel="preload"/g)?.length, 1);
});

test('the preloaded file is the one the @font-face rule for upright French text names', async () => {
  const assets = new AssetRegistry();
  const rules = (await registerFonts(assets)).split('\n');
  const upright = rules.filter((r) => r.includes('font-style:normal') && r.includes(assets.url(TEXT_FONT_FILE)));
  assert.equal(upright.length, 1);
  // Its unicode-range covers the letters, the French quotes and the narrow no-break space.
  assert.match(upright[0], /U\+20-7E/i);
  assert.match(upright[0], /U\+2000-206F/i);
});
