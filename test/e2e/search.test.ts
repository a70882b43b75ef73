import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkAccessibility } from '../support/axe.ts';
import { openPage, VIEWPORTS, type ViewportName, visit } from '../support/browser.ts';
import { type DemoSite, startDemoSite } from '../support/demo-site.ts';

// A reader searches the demo edition from the header box, in Chromium, at 375 and 1280 px: the
// form works without JavaScript help, results are highlighted, and axe finds nothing on the
// results page, the empty page or the Flux RSS page. Screenshots go to test-output/screenshots.

const OUTPUT = path.resolve(import.meta.dirname, '../../test-output/screenshots');
let site: DemoSite;

before(async () => {
  site = await startDemoSite();
  fs.mkdirSync(OUTPUT, { recursive: true });
});
after(async () => {
  await site?.close();
});

describe('recherche dans Chromium', () => {
  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    const width = VIEWPORTS[viewport].width;
    test(`${width} px : la boîte de l’en-tête mène aux résultats, sans violation axe`, async () => {
      const { context, page } = await openPage(site.browser, viewport);
      try {
        await visit(page, site.server.url('/'));
        await page.getByRole('searchbox', { name: 'Rechercher dans le site' }).fill('ostréiculteur');
        await Promise.all([page.waitForURL(/\/recherche\?q=/), page.getByRole('button', { name: 'Rechercher' }).first().click()]);
        assert.match(page.url(), /\/recherche\?q=ostr%C3%A9iculteur$/);
        const heading = await page.locator('#resultats').textContent();
        assert.match(heading ?? '', /articles? trouvés? pour/);
        assert.ok((await page.locator('.search-result').count()) >= 1, 'the oyster-farming pick is found');
        assert.ok((await page.locator('.search-result__title mark').count()) >= 1, 'the headline words are highlighted');
        assert.equal(await page.locator('#recherche-q').inputValue(), 'ostréiculteur');
        let report = await checkAccessibility(page);
        assert.equal(report.violations.length, 0, report.text);
        await page.screenshot({ path: path.join(OUTPUT, `recherche-${width}.png`), fullPage: true });

        // Narrowing with the page's own form (a filter and a new query).
        await page.locator('#recherche-q').fill('presidant');
        await Promise.all([page.waitForURL(/q=presidant/), page.locator('.search-form__submit').click()]);
        assert.match((await page.locator('#resultats').textContent()) ?? '', /Aucun article ne correspond/);
        report = await checkAccessibility(page);
        assert.equal(report.violations.length, 0, report.text);
        await page.screenshot({ path: path.join(OUTPUT, `recherche-vide-${width}.png`), fullPage: true });

        await visit(page, site.server.url('/flux'));
        report = await checkAccessibility(page);
        assert.equal(report.violations.length, 0, report.text);
        await page.screenshot({ path: path.join(OUTPUT, `flux-${width}.png`), fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `pas de défilement horizontal sur /flux (${overflow} px)`);
      } finally {
        await context.close();
      }
    });
  }
});
