import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openPage, VIEWPORTS, type ViewportName, visit } from '../support/browser.ts';
import { type DemoSite, startDemoSite } from '../support/demo-site.ts';

// Full-page captures for a human to look at (test-output/ is git-ignored); the test itself checks
// that nothing overflows sideways, the WCAG "reflow" requirement.

const OUTPUT = path.resolve(import.meta.dirname, '../../test-output/screenshots');

let site: DemoSite;

before(async () => {
  site = await startDemoSite();
  fs.mkdirSync(OUTPUT, { recursive: true });
});

after(async () => {
  await site?.close();
});

describe("captures d'écran à 375 et 1280 px", () => {
  const cases = () => [
    { file: 'accueil', path: site.urls.home, status: 200 },
    { file: 'rubrique', path: site.urls.section, status: 200 },
    { file: 'article', path: site.urls.article, status: 200 },
    { file: 'auteur', path: site.urls.author, status: 200 },
    { file: 'sujet', path: site.urls.tag, status: 200 },
    { file: 'dossier', path: site.urls.dossier, status: 200 },
    { file: '404', path: site.urls.notFound, status: 404 },
  ];

  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    const width = VIEWPORTS[viewport].width;
    test(`${width} px`, async (t) => {
      const { context, page } = await openPage(site.browser, viewport);
      try {
        for (const page_ of cases()) {
          await t.test(`${page_.file} (${page_.path})`, async () => {
            await visit(page, site.server.url(page_.path), page_.status);
            await page.screenshot({ path: path.join(OUTPUT, `${page_.file}-${width}.png`), fullPage: true });
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            assert.ok(overflow <= 0, `la page déborde de ${overflow} px en largeur à ${width} px`);
          });
        }
      } finally {
        await context.close();
      }
    });
  }
});
