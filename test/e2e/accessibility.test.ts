import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { checkAccessibility } from '../support/axe.ts';
import { openPage, VIEWPORTS, type ViewportName, visit } from '../support/browser.ts';
import { type DemoSite, startDemoSite } from '../support/demo-site.ts';
import { PAGE_KINDS } from '../support/page-urls.ts';

// One test per page and width (not one sweep per width), so that no single test nears the time
// limit on a busy machine, and a failure names its page.

let site: DemoSite;

before(async () => {
  site = await startDemoSite();
});

after(async () => {
  await site?.close();
});

for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
  const width = VIEWPORTS[viewport].width;
  describe(`axe-core, WCAG 2.2 AA : aucune violation à ${width} px`, () => {
    let context: BrowserContext;
    let page: Page;
    before(async () => {
      ({ context, page } = await openPage(site.browser, viewport));
    });
    after(() => context?.close());

    for (const kind of PAGE_KINDS) {
      test(kind.name, async () => {
        const path = site.urls[kind.key];
        await visit(page, site.server.url(path), kind.status);
        const report = await checkAccessibility(page);
        assert.equal(report.violations.length, 0, `${path} à ${width} px :\n${report.text}`);
      });
    }
  });
}
