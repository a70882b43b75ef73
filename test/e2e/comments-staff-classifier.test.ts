import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { checkAccessibility } from '../support/axe.ts';
import { addSessionCookies, launchBrowser, openPage, type ViewportName, VIEWPORTS, visit } from '../support/browser.ts';
import { chromiumIsInstalled } from '../support/chromium.ts';
import { collectPageErrors, SCREENSHOT_DIR } from '../support/newsroom.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { signInAs } from '../support/sign-in.ts';

// In a real Chromium at 375 and 1280 px: the staff badge on the demo's reference article (its author
// answers a reader), and the external classifier screen, whose form an administrator submits; axe
// finds nothing on either, and nothing scrolls sideways.

const REFERENCE = '/international/sommet-morevie-istrane-dragan-velic-et-aurel-costin-renforcent-leurs-liens';

describe('badges de la rédaction et classificateur externe', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let server: TestServer;
  let browser: Browser;
  let classifier: http.Server;
  const received: string[] = [];

  before(async () => {
    server = await startTestServer({ seed: true, env: { WEBHOOKS_ALLOW_PRIVATE: '1' } });
    classifier = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(body);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"score":0.1}');
      });
    });
    await new Promise<void>((resolve) => classifier.listen(0, '127.0.0.1', resolve));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    classifier?.closeAllConnections();
    await new Promise((resolve) => classifier?.close(resolve));
    await server?.close();
  });

  const noSidewaysScroll = async (page: import('playwright-core').Page, where: string) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${where} déborde de ${overflow} px`);
  };

  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    const width = VIEWPORTS[viewport].width;

    test(`the author's answer carries « Auteur de l’article » at ${width} px; no axe violation`, async () => {
      const { context, page } = await openPage(browser, viewport);
      const errors = collectPageErrors(page);
      try {
        await visit(page, server.url(REFERENCE));
        const badge = page.locator('.comment__badge').first();
        assert.equal(await badge.innerText(), 'Auteur de l’article');
        const header = badge.locator('xpath=..');
        assert.match(await header.innerText(), /Julien Baraduc/);
        assert.match(await header.innerText(), /Journaliste au service International/);
        await badge.scrollIntoViewIfNeeded();
        const report = await checkAccessibility(page);
        assert.equal(report.violations.length, 0, report.text);
        await noSidewaysScroll(page, `article à ${width} px`);
        await page.locator('[data-part="comments"]').screenshot({ path: path.join(SCREENSHOT_DIR, `comments-staff-badge-${width}.png`) });
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });

    test(`/admin/commentaires/reglages at ${width} px: thresholds and classifier refused, then saved with the form; secret shown once; no axe violation`, async () => {
      const admin = await signInAs(server.app, 'administrateur');
      const { context, page } = await openPage(browser, viewport);
      const errors = collectPageErrors(page);
      try {
        await addSessionCookies(context, admin, server.origin);
        await visit(page, server.url('/admin/commentaires/reglages'));
        let report = await checkAccessibility(page);
        assert.equal(report.violations.length, 0, report.text);

        const url = `http://127.0.0.1:${(classifier.address() as AddressInfo).port}/classer-${width}`;
        await page.getByLabel('Adresse du classificateur').fill(url);
        await page.getByLabel('Seuil de mise en attente').fill('deux');
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.locator('#erreur-classifierThreshold').waitFor();
        assert.match(await page.locator('#erreur-classifierThreshold').innerText(), /entre 0 et 1/);
        report = await checkAccessibility(page);
        assert.equal(report.violations.length, 0, report.text);

        await page.getByLabel('Seuil de mise en attente').fill('0,75');
        await page.getByLabel('Seuil d’alerte').fill('8');
        // Saved once already (the other width): a new secret is asked for, so one is shown again.
        const renew = page.getByLabel(/Créer un nouveau secret/);
        if (await renew.count()) await renew.check();
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.getByText('Réglages de la modération enregistrés.').waitFor();
        assert.match(await page.locator('code.secret').innerText(), /^whsec_/);
        const stored = await server.database.db.selectFrom('comment_classifier').selectAll().executeTakeFirstOrThrow();
        assert.equal(stored.url, url);
        assert.equal(stored.threshold, 0.75);
        const settings = await server.database.db.selectFrom('settings').select('comments_alert_threshold').executeTakeFirstOrThrow();
        assert.equal(settings.comments_alert_threshold, 8);
        report = await checkAccessibility(page);
        assert.equal(report.violations.length, 0, report.text);
        await noSidewaysScroll(page, `classificateur à ${width} px`);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-comments-settings-${width}.png`), fullPage: true });

        await visit(page, server.url('/admin/commentaires/reglages'));
        assert.equal(await page.locator('code.secret').count(), 0, 'shown once');
        assert.equal(await page.getByLabel('Adresse du classificateur').inputValue(), url);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});
