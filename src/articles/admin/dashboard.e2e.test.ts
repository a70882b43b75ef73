import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { checkAccessibility } from '../../../test/support/axe.ts';
import { addSessionCookies, launchBrowser } from '../../../test/support/browser.ts';
import { chromiumIsInstalled } from '../../../test/support/chromium.ts';
import { createSettings } from '../../../test/support/content-factories.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { type SignedIn, signInAs } from '../../../test/support/sign-in.ts';
import { createArticle, publishArticle, scheduleArticle, submitArticle } from '../operations/index.ts';
import { newsroom } from '../operations/operations-test-fixture.ts';

// The dashboard, the articles list and a refused workflow action in a real Chromium: axe (WCAG 2.2
// AA) at phone and desktop widths, no script or CSP error, the filter form usable.

describe('tableau de bord dans Chromium', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let server: TestServer;
  let browser: Browser;
  let editor: SignedIn;
  let draftId: number;

  before(async () => {
    server = await startTestServer();
    const ctx = server.app.kiosque;
    await createSettings(ctx.db);
    const n = await newsroom(ctx.db);
    editor = await signInAs(server.app, 'editeur', { name: 'Élise Éditrice' });
    const writer = await signInAs(server.app, 'journaliste');
    const submitted = await createArticle(ctx, writer.actor, n.input({ headline: 'Un papier à relire <b>vite</b>' }));
    await submitArticle(ctx, writer.actor, submitted.id);
    const published = await createArticle(ctx, editor.actor, n.input({ headline: 'Déjà en ligne' }));
    await publishArticle(ctx, editor.actor, published.id);
    const scheduled = await createArticle(ctx, editor.actor, n.input({ headline: 'Pour demain' }));
    await scheduleArticle(ctx, editor.actor, scheduled.id, new Date(Date.now() + 86_400_000).toISOString());
    draftId = (await createArticle(ctx, editor.actor, n.input({ headline: 'Sans image', heroImageId: null }))).id;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(width: number): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    await addSessionCookies(context, editor, server.origin);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on(
      'console',
      (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && errors.push(message.text()),
    );
    return { page, errors, close: () => context.close() };
  }

  for (const width of [375, 1280]) {
    test(`dashboard, list and a refused action have no accessibility violation at ${width} px`, async () => {
      const { page, errors, close } = await open(width);
      try {
        await page.goto(server.url('/admin'));
        assert.equal(await page.locator('h1').textContent(), 'Tableau de bord');
        assert.match((await page.locator('#file-de-relecture + ul').textContent()) ?? '', /Un papier à relire <b>vite<\/b>/);
        let report = await checkAccessibility(page);
        assert.equal(report.violations.length, 0, report.text);

        await page.goto(server.url('/admin/articles'));
        await page.selectOption('#filtre-etat', 'scheduled');
        await Promise.all([page.waitForURL(/etat=scheduled/), page.getByRole('button', { name: 'Filtrer' }).click()]);
        assert.deepEqual(await page.locator('.article-table__headline a').allTextContents(), ['Pour demain']);
        report = await checkAccessibility(page);
        assert.equal(report.violations.length, 0, report.text);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `la page déborde de ${overflow} px`);

        // A refused publication, posted from a form the way the edit screen does it.
        await page.goto(server.url(`/admin/articles?etat=draft`));
        const token = await page.locator('input[name="_csrf"]').first().inputValue();
        await page.setContent(
          `<form method="post" action="${server.url(`/admin/articles/${draftId}/publier`)}"><input name="_csrf" value="${token}"><button>go</button></form>`,
        );
        await Promise.all([page.waitForURL(/publier/), page.click('button')]);
        assert.equal(await page.locator('h1').textContent(), 'Impossible de publier cet article');
        report = await checkAccessibility(page);
        assert.equal(report.violations.length, 0, report.text);
        assert.deepEqual(errors, []);
      } finally {
        await close();
      }
    });
  }
});
