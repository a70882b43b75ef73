import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { checkAccessibility } from '../../test/support/axe.ts';
import { launchBrowser, openPage, VIEWPORTS, type ViewportName, visit } from '../../test/support/browser.ts';
import { createSettings } from '../../test/support/content-factories.ts';
import { startTestServer, type TestServer } from '../../test/support/server.ts';
import { signInAs } from '../../test/support/sign-in.ts';
import { createApiToken } from './tokens/token-operations.ts';

// The token screen in a real Chromium: axe finds nothing at phone and laptop widths, on the list,
// after a creation (secret shown) and after a refused form; the form works with the keyboard.

let server: TestServer;
let browser: Browser;

before(async () => {
  server = await startTestServer();
  await createSettings(server.app.kiosque.db);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function signedInPage(viewport: ViewportName) {
  const me = await signInAs(server.app, 'editeur');
  await createApiToken(server.app.kiosque.db, me.actor, {
    name: 'Import des archives',
    scopes: ['article:create', 'article:publish'],
    lifetimeDays: 90,
  });
  const { context, page } = await openPage(browser, viewport);
  const cookies = me.cookie.split('; ').map((pair) => {
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1), url: server.origin };
  });
  await context.addCookies(cookies);
  return { context, page };
}

for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
  test(`/admin/jetons at ${VIEWPORTS[viewport].width} px: no axe violation, keyboard creation, secret shown once`, async () => {
    const { context, page } = await signedInPage(viewport);
    try {
      await visit(page, server.url('/admin/jetons'));
      let report = await checkAccessibility(page);
      assert.equal(report.violations.length, 0, report.text);

      // A refused form (no permission ticked): errors announced and linked, still no violation.
      await page.focus('#jeton-nom');
      await page.keyboard.type('Script de test');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#jeton-permissions-erreur');
      report = await checkAccessibility(page);
      assert.equal(report.violations.length, 0, report.text);
      assert.equal(await page.inputValue('#jeton-nom'), 'Script de test');

      await page.focus('#jeton-permission-article-create');
      await page.keyboard.press('Space');
      await page.focus('#jeton-nom');
      await page.keyboard.press('Enter');
      const secret = await page.waitForSelector('#jeton-secret');
      assert.match(await secret.inputValue(), /^ksq_[A-Za-z0-9_-]{43}$/);
      report = await checkAccessibility(page);
      assert.equal(report.violations.length, 0, report.text);
    } finally {
      await context.close();
    }
  });
}
