import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility, formatViolations } from '../../test/support/axe.ts';
import { launchBrowser, openSignedInPage, type ViewportName, visit } from '../../test/support/browser.ts';
import {
  createArticle,
  createDossier,
  createImage,
  createPage,
  createPerson,
  createSection,
  createSeries,
  createSettings,
  minutesAgo,
} from '../../test/support/content-factories.ts';
import { startTestServer, type TestServer } from '../../test/support/server.ts';
import { signInAs } from '../../test/support/sign-in.ts';
import { listHomeSlots } from './home-curation-operations.ts';

const SCREENSHOTS = path.join(import.meta.dirname, '..', '..', 'test-output', 'screenshots');

let server: TestServer;
let browser: Browser;
let adminCookie: string;
let articles: { id: number; slug: string; headline: string }[];
let ids: { section: number; dossier: number; series: number; page: number; person: number };

before(async () => {
  server = await startTestServer();
  const db = server.database.db;
  await createSettings(db, { name: 'La Gazette', comments_notice: 'Commentaires suspendus.' });
  const section = await createSection(db, { slug: 'monde', name: 'Monde' });
  const image = await createImage(db);
  const person = await createPerson(db, {
    name: 'Inès Moreau',
    slug: 'ines-moreau',
    links: JSON.stringify([{ label: 'Site', url: 'https://ines.example/' }]),
  });
  articles = [];
  for (let i = 0; i < 5; i++) {
    articles.push(
      await createArticle(db, {
        section,
        format: 'decryptage',
        headline: `Grand sujet ${i}`,
        hero_image_id: image.id,
        authors: [person],
        published_at: minutesAgo(10 + i),
      }),
    );
  }
  await db
    .insertInto('home_slots')
    .values(articles.slice(0, 3).map((a, position) => ({ position, article_id: a.id })))
    .execute();
  await db
    .insertInto('nav_items')
    .values([{ position: 0, label: 'Monde', kind: 'section', target: 'monde' }])
    .execute();
  const dossier = await createDossier(db, { title: 'Le dossier', section_id: section.id, articles: articles.slice(0, 2) });
  const series = await createSeries(db, { title: 'La chronique', section_id: section.id });
  const page = await createPage(db, { slug: 'a-propos', kind: 'about', title: 'Qui sommes-nous' });
  ids = { section: section.id, dossier: dossier.id, series: series.id, page: page.id, person: person.id };
  browser = await launchBrowser();
  adminCookie = (await signInAs(server.app, 'administrateur')).cookie;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function signedInPage(viewport: ViewportName): Promise<{ context: BrowserContext; page: Page }> {
  return openSignedInPage(browser, viewport, { cookie: adminCookie }, server.origin);
}

/** The headlines of the places of the front page, in screen order. */
function placeOrder(page: Page): Promise<string[]> {
  return page.locator('[data-reorder] .choice__headline').allTextContents();
}

test('la une: each move (keyboard, drag and drop) and each addition is online at once, with the same save model', async () => {
  const { context, page } = await signedInPage('desktop');
  const stored = async () => (await listHomeSlots(server.database.db)).map((s) => s.article.headline);
  /** Waits until the status says the move is online, then until the database holds the order. */
  const online = async (position: number, order: string[]) => {
    const status = page.locator('[data-reorder-status]');
    await page.waitForFunction((text) => {
      const el = document.querySelector<HTMLElement>('[data-reorder-status]');
      return el?.dataset.state === 'failed' || (el?.dataset.state === 'saved' && (el.textContent ?? '').startsWith(text));
    }, `Article déplacé en position ${position}`);
    assert.match((await status.textContent()) ?? '', new RegExp(`^Article déplacé en position ${position}\\s: la une est en ligne`));
    for (let i = 0; i < 50 && JSON.stringify(await stored()) !== JSON.stringify(order); i++) await page.waitForTimeout(100);
    assert.deepEqual(await stored(), order);
  };
  try {
    await visit(page, server.url('/admin/une'));
    assert.deepEqual(await placeOrder(page), ['Grand sujet 0', 'Grand sujet 1', 'Grand sujet 2']);
    assert.equal(await page.getByRole('button', { name: 'Enregistrer la une' }).count(), 0, 'nothing waits for a save button');
    assert.match((await page.locator('#une-aide').textContent()) ?? '', /Chaque changement est mis en ligne aussitôt/);

    // Keyboard: the "Descendre" button of the lead story, then Alt+ArrowDown keeps moving it.
    await page.getByRole('button', { name: 'Descendre : Grand sujet 0' }).focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await placeOrder(page), ['Grand sujet 1', 'Grand sujet 0', 'Grand sujet 2']);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Descendre : Grand sujet 0');
    await online(2, ['Grand sujet 1', 'Grand sujet 0', 'Grand sujet 2']);
    await page.keyboard.press('Alt+ArrowDown');
    assert.deepEqual(await placeOrder(page), ['Grand sujet 1', 'Grand sujet 2', 'Grand sujet 0']);
    await online(3, ['Grand sujet 1', 'Grand sujet 2', 'Grand sujet 0']);
    assert.equal(await page.locator('[data-reorder-item]').first().locator('[data-reorder-role]').textContent(), 'Article principal');

    // Drag and drop: the last place onto the top half of the first one.
    const last = page.locator('[data-reorder-item]').nth(2);
    const first = page.locator('[data-reorder-item]').first();
    await last.dragTo(first, { targetPosition: { x: 40, y: 4 } });
    assert.deepEqual(await placeOrder(page), ['Grand sujet 0', 'Grand sujet 1', 'Grand sujet 2']);
    await online(1, ['Grand sujet 0', 'Grand sujet 1', 'Grand sujet 2']);
    await last.dragTo(first, { targetPosition: { x: 40, y: 4 } });
    assert.deepEqual(await placeOrder(page), ['Grand sujet 2', 'Grand sujet 0', 'Grand sujet 1']);
    await online(1, ['Grand sujet 2', 'Grand sujet 0', 'Grand sujet 1']);
    await visit(page, server.url('/'));
    assert.equal(await page.locator('[data-part="lead-story"] h2').textContent(), 'Grand sujet 2');

    // "Ajouter à la une": the same model, online at once, and said so.
    await visit(page, server.url('/admin/une?q=grand'));
    await page.getByRole('button', { name: 'Ajouter à la une : Grand sujet 4' }).click();
    await page.waitForURL(/ok=ajoute/);
    assert.match((await page.locator('.notice--ok').textContent()) ?? '', /Article ajouté à la une\s: il est en ligne\./);
    assert.deepEqual(await stored(), ['Grand sujet 2', 'Grand sujet 0', 'Grand sujet 1', 'Grand sujet 4']);
    assert.deepEqual(await placeOrder(page), ['Grand sujet 2', 'Grand sujet 0', 'Grand sujet 1', 'Grand sujet 4']);
  } finally {
    await context.close();
  }
});

// One test per screen and width: the sweep of all 24 in one test took 35 s on an idle machine,
// which the busy 2-core CI machine stretches toward the 180 s limit (about four times slower).
const CURATION_SCREENS: readonly (readonly [string, () => string])[] = [
  ['une', () => '/admin/une?q=grand'],
  ['rubriques', () => '/admin/rubriques'],
  ['rubrique', () => `/admin/rubriques/${ids.section}`],
  ['dossiers', () => '/admin/dossiers'],
  ['dossier', () => `/admin/dossiers/${ids.dossier}?q=grand`],
  ['series', () => '/admin/series'],
  ['serie', () => `/admin/series/${ids.series}`],
  ['pages', () => '/admin/pages'],
  ['page', () => `/admin/pages/${ids.page}`],
  ['personnes', () => '/admin/personnes'],
  ['personne', () => `/admin/personnes/${ids.person}`],
  ['reglages', () => '/admin/reglages'],
];

for (const viewport of ['mobile', 'desktop'] as const) {
  for (const [name, urlOf] of CURATION_SCREENS) {
    test(`curation screen « ${name} » (${viewport === 'mobile' ? 375 : 1280} px): no axe violation, no sideways scrolling`, async () => {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      const url = urlOf();
      const { context, page } = await signedInPage(viewport);
      try {
        await visit(page, server.url(url));
        // Markup is never shown as text (a nested template inserted without `!`).
        assert.doesNotMatch(await page.locator('main').innerText(), /<\/?[a-z]+[ >]/, `${url} : balise affichée comme du texte`);
        const report = await checkAccessibility(page);
        assert.equal(report.violations.length, 0, `${url} (${viewport}) :\n${formatViolations(report.violations)}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${url} (${viewport}) déborde de ${overflow} px`);
        await page.screenshot({ path: path.join(SCREENSHOTS, `curation-${name}-${viewport}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    });
  }
}
