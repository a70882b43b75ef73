import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { createApiToken } from '../../src/api/tokens/token-operations.ts';
import { createArticle, updateArticle } from '../../src/articles/operations/index.ts';
import { checkAccessibility } from '../support/axe.ts';
import { addSessionCookies, launchBrowser } from '../support/browser.ts';
import { chromiumIsInstalled } from '../support/chromium.ts';
import { createDossier, createPage, createSeries } from '../support/content-factories.ts';
import { collectPageErrors, createNewsroom, paragraphs, SCREENSHOT_DIR } from '../support/newsroom.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { createUser, signInAs, type SignedIn } from '../support/sign-in.ts';

// Every back-office screen, signed in as an administrator (who sees them all), at a phone's and a
// laptop's width: axe finds no WCAG 2.2 AA violation, and at 375 px nothing makes the whole page
// scroll sideways. Then the editor by keyboard alone: Tab reaches the toolbar and the text,
// typing and Ctrl+B work, and Tab goes on to the save button.

interface Screen {
  name: string;
  /** The screen's address, from the ids of the content made in before(). */
  url: (ids: Ids) => string;
  /** A selector to wait for (islands that build part of the screen). */
  ready?: string;
  /** Seen signed out. */
  anonymous?: boolean;
}

interface Ids {
  article: number;
  image: number;
  dossier: number;
}

// Known before the content exists, so that each screen is a test of its own: a sweep of 22
// screens with axe in one test came near the time limit on a busy machine.
const SCREENS: readonly Screen[] = [
  { name: 'connexion', url: () => '/admin/connexion', anonymous: true },
  { name: 'tableau-de-bord', url: () => '/admin' },
  { name: 'articles', url: () => '/admin/articles' },
  { name: 'editeur-nouveau', url: () => '/admin/articles/nouveau', ready: '.body-toolbar' },
  { name: 'editeur-existant', url: (ids) => `/admin/articles/${ids.article}`, ready: '.body-toolbar' },
  { name: 'revisions', url: (ids) => `/admin/articles/${ids.article}/revisions` },
  { name: 'apercu', url: (ids) => `/admin/articles/${ids.article}/apercu` },
  { name: 'mediatheque', url: () => '/admin/medias' },
  { name: 'media-envoi', url: () => '/admin/medias/nouveau' },
  { name: 'image', url: (ids) => `/admin/medias/${ids.image}` },
  { name: 'une', url: () => '/admin/une' },
  { name: 'rubriques', url: () => '/admin/rubriques' },
  { name: 'dossiers', url: () => '/admin/dossiers' },
  { name: 'dossier', url: (ids) => `/admin/dossiers/${ids.dossier}` },
  { name: 'series', url: () => '/admin/series' },
  { name: 'pages', url: () => '/admin/pages' },
  { name: 'personnes', url: () => '/admin/personnes' },
  { name: 'reglages', url: () => '/admin/reglages' },
  { name: 'utilisateurs', url: () => '/admin/utilisateurs' },
  { name: 'journal', url: () => '/admin/journal' },
  { name: 'jetons', url: () => '/admin/jetons' },
  { name: 'mon-compte', url: () => '/admin/compte' },
];

describe('accessibilité de l’administration', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let server: TestServer;
  let browser: Browser;
  let admin: SignedIn;
  let ids: Ids;

  before(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const room = await createNewsroom(db);
    admin = await signInAs(server.app, 'administrateur', { name: 'Anne Administratrice', personId: room.staff.id });
    const input = {
      format: 'actualite' as const,
      sectionId: room.section.id,
      kicker: 'Diplomatie',
      headline: 'Sommet de Vladivostok',
      lead: 'Les deux dirigeants se sont retrouvés mardi.',
      body: paragraphs('Premier paragraphe.', 'Second paragraphe.'),
      heroImageId: room.image.id,
      authorPersonIds: [room.staff.id, room.expert.id],
      tags: ['Russie', 'Diplomatie'],
    };
    const article = await createArticle(server.app.kiosque, admin.actor, input);
    await updateArticle(server.app.kiosque, admin.actor, article.id, article.revision, {
      ...input,
      lead: 'Les deux dirigeants se sont retrouvés mardi à Vladivostok.',
    });
    const dossier = await createDossier(db, { title: 'La guerre en Ukraine' });
    await createSeries(db, { title: 'La chronique du lundi' });
    await createPage(db, { title: 'Qui sommes-nous ?' });
    await createUser(db, { role: 'journaliste', name: 'Julien Journaliste' });
    await createApiToken(db, admin.actor, { name: 'Import des archives', scopes: ['article:create'], lifetimeDays: 30 });
    ids = { article: article.id, image: room.image.id, dossier: dossier.id };
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function context(width: number, signedIn: boolean): Promise<BrowserContext> {
    const created = await browser.newContext({
      viewport: { width, height: width < 600 ? 812 : 900 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
    created.setDefaultTimeout(15_000);
    if (signedIn) await addSessionCookies(created, admin, server.origin);
    return created;
  }

  for (const width of [375, 1280]) {
    describe(`every back-office screen at ${width} px: no axe violation${width === 375 ? ', no sideways scrolling' : ''}, no script error`, () => {
      let signedIn: BrowserContext;
      let anonymous: BrowserContext;
      before(async () => {
        signedIn = await context(width, true);
        anonymous = await context(width, false);
      });
      after(async () => {
        await signedIn?.close();
        await anonymous?.close();
      });

      for (const screen of SCREENS) {
        test(screen.name, async () => {
          const url = screen.url(ids);
          const page = await (screen.anonymous ? anonymous : signedIn).newPage();
          try {
            const errors = collectPageErrors(page);
            const response = await page.goto(server.url(url), { waitUntil: 'load' });
            assert.equal(response?.status(), 200, `${url} : statut ${response?.status()}`);
            if (screen.ready) await page.locator(screen.ready).first().waitFor();
            // Taken before the checks, so a failing screen leaves its picture behind.
            if (width === 375 || ['tableau-de-bord', 'editeur-existant', 'mediatheque', 'une', 'reglages'].includes(screen.name)) {
              await page.screenshot({
                path: path.join(SCREENSHOT_DIR, `newsroom-a11y-${screen.name}-${width}.png`),
                fullPage: width === 1280,
              });
            }
            const report = await checkAccessibility(page);
            assert.equal(report.violations.length, 0, `${url} :\n${report.text}`);
            if (width === 375) {
              const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
              assert.ok(scrollWidth <= 375, `${url} : défilement horizontal (${scrollWidth} px de large)`);
            }
            assert.deepEqual(errors, [], `${url} : erreurs de script`);
          } finally {
            await page.close();
          }
        });
      }
    });
  }

  test('the editor by keyboard alone: Tab reaches the toolbar and the text; typing and Ctrl+B work; the save button is reachable', async () => {
    const ctx = await context(1280, true);
    const page = await ctx.newPage();
    const errors = collectPageErrors(page);
    await page.goto(server.url('/admin/articles/nouveau'));
    await page.locator('.body-toolbar').waitFor();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return {
          label: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '',
          id: el?.id ?? '',
          editor: Boolean(el?.closest('.body-editor__content')),
          toolbar: Boolean(el?.closest('[role="toolbar"]')),
          submit: el?.matches('button[type="submit"]') && el.textContent?.trim() === 'Enregistrer',
        };
      });

    // From the top of the page, Tab only: the headline, then on to the toolbar and the text.
    await page.keyboard.press('Tab');
    let reachedHeadline = false;
    let reachedToolbar = false;
    for (let i = 0; i < 60 && !(await focused()).editor; i++) {
      const now = await focused();
      if (now.id === 'champ-titre') {
        reachedHeadline = true;
        await page.keyboard.type('Écrit au clavier seulement');
      }
      if (now.toolbar) reachedToolbar = true;
      await page.keyboard.press('Tab');
    }
    assert.ok(reachedHeadline, 'Tab reaches the headline');
    assert.ok(reachedToolbar, 'Tab reaches the toolbar');
    assert.ok((await focused()).editor, 'Tab reaches the text');

    await page.keyboard.type('Un mot ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('important');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('.');
    assert.equal(await page.locator('.body-editor__content strong').innerText(), 'important');
    assert.match(await page.locator('.body-editor__content').innerText(), /Un mot important\./);

    // Shift+Tab goes back to the toolbar (one tab stop), Tab then onward to the save button.
    await page.keyboard.press('Shift+Tab');
    assert.ok((await focused()).toolbar, 'Shift+Tab from the text lands in the toolbar');
    await page.keyboard.press('Tab');
    assert.ok((await focused()).editor);
    let reachedSave = false;
    for (let i = 0; i < 80 && !reachedSave; i++) {
      await page.keyboard.press('Tab');
      reachedSave = Boolean((await focused()).submit);
    }
    assert.ok(reachedSave, 'Tab reaches "Enregistrer"');
    await Promise.all([page.waitForURL(/\/admin\/articles\/\d+\?enregistre/), page.keyboard.press('Enter')]);
    const id = Number(/\/admin\/articles\/(\d+)/.exec(page.url())![1]);
    const row = await server.database.db.selectFrom('articles').select(['headline', 'body']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.headline, 'Écrit au clavier seulement');
    assert.match(row.body, /"bold"/);
    assert.deepEqual(errors, []);
    await ctx.close();
  });
});
