import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { openPage, VIEWPORTS, type ViewportName, visit } from '../support/browser.ts';
import { type DemoSite, startDemoSite } from '../support/demo-site.ts';
import type { PageUrls } from '../support/page-urls.ts';

// Full-page captures for a human to look at (test-output/ is git-ignored); the test itself checks
// that nothing overflows sideways, the WCAG "reflow" requirement. One test per page and width.

const OUTPUT = path.resolve(import.meta.dirname, '../../test-output/screenshots');

const CASES: readonly { file: string; key: keyof PageUrls; status: number }[] = [
  { file: 'accueil', key: 'home', status: 200 },
  { file: 'rubrique', key: 'section', status: 200 },
  { file: 'article', key: 'article', status: 200 },
  { file: 'auteur', key: 'author', status: 200 },
  { file: 'sujet', key: 'tag', status: 200 },
  { file: 'dossier', key: 'dossier', status: 200 },
  { file: '404', key: 'notFound', status: 404 },
];

let site: DemoSite;

before(async () => {
  site = await startDemoSite();
  fs.mkdirSync(OUTPUT, { recursive: true });
});

after(async () => {
  await site?.close();
});

for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
  const width = VIEWPORTS[viewport].width;
  describe(`captures d'écran à ${width} px`, () => {
    let context: BrowserContext;
    let page: Page;
    before(async () => {
      ({ context, page } = await openPage(site.browser, viewport));
    });
    after(() => context?.close());

    for (const c of CASES) {
      test(c.file, async () => {
        const url = site.urls[c.key];
        await visit(page, site.server.url(url), c.status);
        await page.screenshot({ path: path.join(OUTPUT, `${c.file}-${width}.png`), fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${url} déborde de ${overflow} px en largeur à ${width} px`);
      });
    }
  });
}
