import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { checkAccessibility } from '../../test/support/axe.ts';
import { launchBrowser, openPage, type ViewportName, visit } from '../../test/support/browser.ts';
import { startTestServer, type TestServer } from '../../test/support/server.ts';
import { createUser, signInAs } from '../../test/support/sign-in.ts';
import { recordAudit } from '../audit/audit-log.ts';

const SHOTS = path.resolve('test-output/screenshots');

// The accounts screens in a real Chromium, phone and laptop: axe finds nothing, nothing overflows sideways.
describe('account screens in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let adminCookie: string;
  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const admin = await signInAs(server.app, 'administrateur', { name: 'Anne Administratrice' });
    adminCookie = admin.cookie;
    for (const role of ['contributeur', 'journaliste', 'editeur'] as const)
      await createUser(server.app.kiosque.db, { role, personId: true });
    await createUser(server.app.kiosque.db, { role: 'moderateur', status: 'invited', email: 'invitee@exemple.fr' });
    await recordAudit(
      server.app.kiosque.db,
      admin.actor,
      'user.role',
      { type: 'user', id: 2 },
      { name: 'Claire', from: 'contributeur', to: 'journaliste' },
    );
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const screens: { name: string; path: string; signedIn: boolean }[] = [
    { name: 'connexion', path: '/admin/connexion', signedIn: false },
    { name: 'mot-de-passe-oublie', path: '/admin/mot-de-passe-oublie', signedIn: false },
    { name: 'utilisateurs', path: '/admin/utilisateurs', signedIn: true },
    { name: 'utilisateur', path: '/admin/utilisateurs/2', signedIn: true },
    { name: 'compte', path: '/admin/compte', signedIn: true },
    { name: 'journal', path: '/admin/journal', signedIn: true },
  ];

  for (const viewport of ['mobile', 'desktop'] as ViewportName[]) {
    test(`no accessibility violation, no sideways scroll (${viewport})`, async () => {
      const { context, page } = await openPage(browser, viewport);
      try {
        for (const screen of screens) {
          await context.clearCookies();
          if (screen.signedIn) {
            await context.addCookies(
              adminCookie
                .split('; ')
                .map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), url: server.origin })),
            );
          }
          await visit(page, server.url(screen.path));
          const report = await checkAccessibility(page);
          assert.equal(report.violations.length, 0, `${screen.path} (${viewport}):\n${report.text}`);
          // The page's own content fits its main area at this width (wide tables scroll inside their wrapper).
          const overflow = await page.evaluate(() => {
            const main = document.querySelector('main')!;
            return main.scrollWidth - main.clientWidth;
          });
          assert.ok(overflow <= 0, `${screen.path} (${viewport}) overflows its main area by ${overflow}px`);
          await page.screenshot({ path: path.join(SHOTS, `admin-${screen.name}-${viewport}.png`), fullPage: true });
        }
      } finally {
        await context.close();
      }
    });
  }

  test('signing in with the keyboard alone', async () => {
    const user = await createUser(server.app.kiosque.db, { role: 'editeur', password: 'une phrase assez longue' });
    const { context, page } = await openPage(browser, 'mobile');
    try {
      await visit(page, server.url('/admin/connexion?suite=%2Fadmin%2Fcompte'));
      // Tab through the page (skip link, header) to the e-mail field.
      for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== 'champ-email'; i++)
        await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'champ-email');
      await page.keyboard.type(user.email);
      await page.keyboard.press('Tab');
      await page.keyboard.type('une phrase assez longue');
      await Promise.all([page.waitForURL('**/admin/compte'), page.keyboard.press('Enter')]);
      assert.equal(await page.locator('h1').textContent(), 'Mon compte');
    } finally {
      await context.close();
    }
  });
});
