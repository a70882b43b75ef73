import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkAccessibility } from '../support/axe.ts';
import { openPage, VIEWPORTS, type ViewportName, visit } from '../support/browser.ts';
import { type DemoSite, startDemoSite } from '../support/demo-site.ts';
import { pageCases } from '../support/page-urls.ts';

let site: DemoSite;

before(async () => {
  site = await startDemoSite();
});

after(async () => {
  await site?.close();
});

describe('axe-core, WCAG 2.2 AA : aucune violation', () => {
  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    test(`${VIEWPORTS[viewport].width} px`, async (t) => {
      const { context, page } = await openPage(site.browser, viewport);
      try {
        for (const page_ of pageCases(site.urls)) {
          await t.test(`${page_.name} (${page_.path})`, async () => {
            await visit(page, site.server.url(page_.path), page_.status);
            const report = await checkAccessibility(page);
            assert.equal(report.violations.length, 0, `${page_.path} à ${VIEWPORTS[viewport].width} px :\n${report.text}`);
          });
        }
      } finally {
        await context.close();
      }
    });
  }
});
