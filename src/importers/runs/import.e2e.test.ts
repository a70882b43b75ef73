import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { checkAccessibility } from '../../../test/support/axe.ts';
import { addSessionCookies, launchBrowser, openPage, type ViewportName, VIEWPORTS, visit } from '../../../test/support/browser.ts';
import { collectPageErrors, createNewsroom, SCREENSHOT_DIR } from '../../../test/support/newsroom.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { signInAs } from '../../../test/support/sign-in.ts';
import { jobRunnerOf, startJobRunner, stopJobRunner } from '../../core/jobs/job-runner.ts';
import { wxrDocument } from '../wordpress/wxr-fixture.ts';

// The import screen in a real Chromium: an administrator sends a WordPress export with the form,
// the progress island sees the check end and the page shows its report,
// starts the import and reads the final report; axe finds nothing at phone and laptop widths.

let server: TestServer;
let browser: Browser;
let work: string;

before(async () => {
  server = await startTestServer();
  await createNewsroom(server.app.kiosque.db);
  // The test runs the jobs itself, at the moments it checks.
  await stopJobRunner(server.app.kiosque);
  startJobRunner(server.app.kiosque, { pollMs: 3_600_000 });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-import-e2e-'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function accessible(page: Page, where: string) {
  const report = await checkAccessibility(page);
  assert.equal(report.violations.length, 0, `${where} : ${report.text}`);
  const overflow = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? main.scrollWidth - main.clientWidth : 0;
  });
  assert.ok(overflow <= 0, `${where} déborde de ${overflow} px`);
}

for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
  const width = VIEWPORTS[viewport].width;
  test(`/admin/import at ${width} px: send, check, import, report; no axe violation`, async () => {
    const site = { url: `https://vallee-${width}.example`, title: 'La Voix de la vallée' };
    const file = path.join(work, `vallee-${width}.xml`);
    fs.writeFileSync(
      file,
      wxrDocument(site, [
        {
          id: 1,
          title: 'La fromagerie du col rouvre ses portes',
          slug: `fromagerie-du-col-${width}`,
          status: 'publish',
          content: '<p>Après deux ans de travaux, la fromagerie accueille de nouveau les visiteurs.</p>[gallery ids="3,4"]',
          categories: [['economie-locale', 'Économie locale']],
        },
        {
          id: 2,
          title: 'Le marché de Noël déplacé',
          slug: `marche-de-noel-${width}`,
          status: 'publish',
          content: '<p>Place de la Mairie cette année.</p>',
        },
      ]),
    );
    const admin = await signInAs(server.app, 'administrateur');
    const { context, page } = await openPage(browser, viewport);
    const errors = collectPageErrors(page);
    try {
      await addSessionCookies(context, admin, server.origin);
      await visit(page, server.url('/admin/import'));
      await accessible(page, `/admin/import à ${width} px`);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-import-${width}.png`), fullPage: true });

      await page.getByLabel('Fichier d’exportation').setInputFiles(file);
      await Promise.all([
        page.waitForURL(/\/admin\/import\/\d+\?ok=envoye$/),
        page.getByRole('button', { name: 'Envoyer et vérifier' }).click(),
      ]);
      assert.match(await page.locator('h2').first().innerText(), /Vérification en cours/);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-import-progress-${width}.png`), fullPage: true });

      // The check runs on the server; the island sees it end and the page shows its report.
      await jobRunnerOf(server.app.kiosque)!.runDue();
      await page.getByRole('heading', { name: 'Bilan de la vérification' }).waitFor({ timeout: 10_000 });
      await accessible(page, `bilan de la vérification à ${width} px`);
      assert.ok(await page.getByText('shortcode [gallery]').isVisible());

      await Promise.all([page.waitForURL(/ok=lance$/), page.getByRole('button', { name: 'Lancer l’import' }).click()]);
      assert.ok(await page.locator('progress').isVisible());
      await accessible(page, `progression à ${width} px`);

      await jobRunnerOf(server.app.kiosque)!.runDue();
      await page.getByRole('heading', { name: 'Bilan de l’import' }).waitFor({ timeout: 10_000 });
      await accessible(page, `bilan de l’import à ${width} px`);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-import-report-${width}.png`), fullPage: true });
      const article = await server.app.kiosque.db
        .selectFrom('articles')
        .select('status')
        .where('slug', '=', `fromagerie-du-col-${width}`)
        .executeTakeFirstOrThrow();
      assert.equal(article.status, 'published');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}
