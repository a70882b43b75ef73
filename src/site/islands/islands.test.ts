import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { insertArticleFixture } from '../../articles/article-test-fixture.ts';
import { launchBrowser } from '../../../test/support/browser.ts';
import { chromiumIsInstalled } from '../../../test/support/chromium.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';

// The islands in a real Chromium, on the article page: what they reveal, what they announce, what they load.

describe('îlots du site (Chromium)', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let server: TestServer;
  let browser: Browser;
  let articleUrl: string;

  before(async () => {
    server = await startTestServer();
    // Nothing has been requested yet, so the site chrome is read after the fixture is in.
    const fx = await insertArticleFixture(server.database.db);
    // A navigation too long for a phone, the article's section last.
    const db = server.database.db;
    await db.updateTable('nav_items').set({ position: 99 }).where('target', '=', 'international').execute();
    for (const [i, label] of ['Décryptages', 'Dossiers', 'Rendez-vous', 'Vidéos', 'Podcasts', 'Économie'].entries()) {
      await db
        .insertInto('nav_items')
        .values({ position: 10 + i, label, kind: 'url', target: `/${i}` })
        .execute();
    }
    articleUrl = server.url(fx.main.path);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page that never reaches the video platforms, and reports script errors. */
  async function open(options: { javaScriptEnabled?: boolean; share?: 'cancel'; width?: number } = {}) {
    const context = await browser.newContext({
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      viewport: { width: options.width ?? 1280, height: 800 },
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const thirdParty: string[] = [];
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => {
        thirdParty.push(route.request().url());
        return route.abort();
      },
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The fixture's images have no files (their variants fail): only script errors and CSP refusals count.
    page.on(
      'console',
      (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && errors.push(message.text()),
    );
    if (options.share === 'cancel') {
      await page.addInitScript(() => {
        Object.defineProperty(navigator, 'share', { value: async () => Promise.reject(new DOMException('Annulé', 'AbortError')) });
      });
    }
    await page.goto(articleUrl, { waitUntil: 'load' });
    return { context, page, errors, thirdParty };
  }

  test('without JavaScript: the plain links are there, the two buttons stay hidden', async () => {
    const { context, page } = await open({ javaScriptEnabled: false });
    try {
      assert.equal(await page.locator('[data-part="share"] a.share__link:visible').count(), 8);
      assert.equal(await page.locator('[data-share-native]').isVisible(), false);
      assert.equal(await page.locator('[data-share-copy]').isVisible(), false);
    } finally {
      await context.close();
    }
  });

  test('"Copier le lien" copies the page URL and says so in the live region', async () => {
    const { context, page, errors } = await open();
    try {
      const copy = page.locator('[data-share-copy]');
      assert.ok(await copy.isVisible());
      await copy.click();
      await page.locator('[data-share-status]', { hasText: 'Lien copié' }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), articleUrl);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('"Partager" appears only with the Web Share API, and a cancel is not an error', async () => {
    const plain = await open();
    try {
      // Headless Chromium on Linux has no navigator.share.
      assert.equal(await plain.page.evaluate(() => 'share' in navigator), false);
      assert.equal(await plain.page.locator('[data-share-native]').isVisible(), false);
    } finally {
      await plain.context.close();
    }
    const { context, page, errors } = await open({ share: 'cancel' });
    try {
      const button = page.locator('[data-share-native]');
      assert.ok(await button.isVisible());
      await button.click();
      await page.waitForTimeout(100);
      assert.equal(await page.locator('[data-share-status]').innerText(), '');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a video facade loads nothing until clicked, then becomes the privacy-enhanced player', async () => {
    const { context, page, errors, thirdParty } = await open();
    try {
      assert.deepEqual(thirdParty, [], 'requête tierce avant le clic');
      assert.equal(await page.locator('iframe').count(), 0);
      await page.locator('.embed__facade').click();
      const frame = page.locator('figure[data-embed-provider="youtube"] iframe.embed__frame');
      assert.equal(await frame.getAttribute('src'), 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1');
      assert.equal(await frame.getAttribute('title'), 'Les images du sommet');
      assert.equal(await frame.getAttribute('allow'), 'autoplay; encrypted-media; picture-in-picture');
      assert.equal(await frame.getAttribute('allowfullscreen'), '');
      assert.equal(await page.locator('.embed__facade').count(), 0);
      assert.equal(new URL(page.url()).href, articleUrl, 'le clic ne quitte pas la page');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('on a phone, the navigation bar scrolls to show the current section', async () => {
    const { context, page } = await open({ width: 375 });
    try {
      const box = await page.locator('.site-nav').boundingBox();
      const current = await page.locator('.site-nav [aria-current="page"]').boundingBox();
      assert.ok(box && current);
      assert.ok(
        current.x >= box.x && current.x + current.width <= box.x + box.width,
        `section courante hors de la barre : ${JSON.stringify({ box, current })}`,
      );
      assert.equal(await page.evaluate(() => window.scrollY), 0, 'la page elle-même ne défile pas');
    } finally {
      await context.close();
    }
  });
});
