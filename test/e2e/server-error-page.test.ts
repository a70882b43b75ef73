// The French 500 page now names its request ("Référence de l’incident"): looked at in Chromium
// at 375 and 1280 px, with axe reporting no violation.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { checkAccessibility } from '../support/axe.ts';
import { launchBrowser, openPage, VIEWPORTS, type ViewportName, visit } from '../support/browser.ts';
import { createArticle, createSection, createSettings } from '../support/content-factories.ts';
import { SCREENSHOT_DIR } from '../support/newsroom.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let browser: Browser;
let articlePath = '';

before(async () => {
  server = await startTestServer();
  const db = server.database.db;
  await createSettings(db);
  const section = await createSection(db, { slug: 'sciences', name: 'Sciences' });
  articlePath = `/sciences/${(await createArticle(db, { section })).slug}`;
  browser = await launchBrowser();
  // What a failure looks like: a table the page reads is gone.
  await sql`alter table articles rename to articles_away`.execute(db);
});

after(async () => {
  await sql`alter table articles_away rename to articles`.execute(server.database.db).catch(() => {});
  await browser?.close();
  await server?.close();
});

for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
  test(`500 page with its incident reference at ${VIEWPORTS[viewport].width} px`, async () => {
    const { context, page } = await openPage(browser, viewport);
    try {
      await page.setExtraHTTPHeaders({ 'x-request-id': `essai-${viewport}-0001` });
      await visit(page, server.url(articlePath), 500);
      assert.equal(await page.locator('.error-page__reference code').textContent(), `essai-${viewport}-0001`);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `server-error-${viewport}.png`), fullPage: true });
      const report = await checkAccessibility(page);
      assert.equal(report.violations.length, 0, report.text);
    } finally {
      await context.close();
    }
  });
}
