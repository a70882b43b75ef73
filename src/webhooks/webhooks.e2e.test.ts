import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { checkAccessibility } from '../../test/support/axe.ts';
import { addSessionCookies, launchBrowser, openPage, type ViewportName, VIEWPORTS, visit } from '../../test/support/browser.ts';
import { collectPageErrors, createNewsroom, SCREENSHOT_DIR } from '../../test/support/newsroom.ts';
import { startTestServer, type TestServer } from '../../test/support/server.ts';
import { signInAs } from '../../test/support/sign-in.ts';
import { jobRunnerOf } from '../core/jobs/job-runner.ts';
import { verifyWebhookSignature } from './webhook-signature.ts';

// The webhooks screens in a real Chromium: an administrator adds an endpoint with the form, sends
// a test event that a local receiver gets (signature verified), resends it from the log; axe finds
// nothing at phone and laptop widths, and no page scrolls sideways.

let server: TestServer;
let browser: Browser;
let receiver: http.Server;
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

before(async () => {
  server = await startTestServer({ env: { WEBHOOKS_ALLOW_PRIVATE: '1' } });
  await createNewsroom(server.app.kiosque.db);
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  receiver?.closeAllConnections();
  receiver?.close();
  await server?.close();
});

async function noSidewaysScroll(page: import('playwright-core').Page, where: string) {
  const overflow = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? main.scrollWidth - main.clientWidth : 0;
  });
  assert.ok(overflow <= 0, `${where} déborde de ${overflow} px`);
}

for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
  const width = VIEWPORTS[viewport].width;
  test(`/admin/webhooks at ${width} px: add with the form, test event, resend; no axe violation`, async () => {
    const admin = await signInAs(server.app, 'administrateur');
    const { context, page } = await openPage(browser, viewport);
    const errors = collectPageErrors(page);
    try {
      await addSessionCookies(context, admin, server.origin);
      await visit(page, server.url('/admin/webhooks'));
      let report = await checkAccessibility(page);
      assert.equal(report.violations.length, 0, report.text);

      // A refused form first: the error is announced and the page stays accessible.
      await page.getByLabel('Adresse du destinataire').fill('ftp://exemple.fr/');
      await page.getByRole('button', { name: 'Ajouter le webhook' }).click();
      await page.locator('#webhook-url-erreur').waitFor();
      assert.match(await page.locator('#webhook-url-erreur').innerText(), /http/);
      report = await checkAccessibility(page);
      assert.equal(report.violations.length, 0, report.text);

      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crochet-${width}`;
      await page.getByLabel('Adresse du destinataire').fill(url);
      await page.getByLabel('Description (facultatif)').fill('Planificateur des réseaux sociaux');
      await page.getByLabel(/Article supprimé/).uncheck();
      await Promise.all([
        page.waitForURL(/\/admin\/webhooks\/\d+\?ok=ajoute$/),
        page.getByRole('button', { name: 'Ajouter le webhook' }).click(),
      ]);
      const secret = await page.locator('#webhook-secret').inputValue();
      assert.match(secret, /^whsec_/);

      await Promise.all([page.waitForURL(/ok=test$/), page.getByRole('button', { name: 'Envoyer un test' }).click()]);
      await jobRunnerOf(server.app.kiosque)!.runDue();
      const ping = received.findLast((r) => r.headers['webhook-signature'] && JSON.parse(r.body).type === 'ping');
      assert.ok(ping && verifyWebhookSignature(secret, ping.headers, ping.body), 'signed test event received');

      await page.reload();
      await page.getByText('Livré').first().waitFor();
      await Promise.all([
        page.waitForURL(/ok=renvoye$/),
        page
          .getByRole('button', { name: /Renvoyer/ })
          .first()
          .click(),
      ]);
      await jobRunnerOf(server.app.kiosque)!.runDue();
      assert.equal(received.filter((r) => r.headers['webhook-id'] === ping.headers['webhook-id']).length, 2, 'resent with the same id');

      await page.reload();
      report = await checkAccessibility(page);
      assert.equal(report.violations.length, 0, report.text);
      await noSidewaysScroll(page, `/admin/webhooks/:id à ${width} px`);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-webhook-${width}.png`), fullPage: true });

      await visit(page, server.url('/admin/webhooks'));
      assert.ok(await page.getByText(url).isVisible());
      report = await checkAccessibility(page);
      assert.equal(report.violations.length, 0, report.text);
      await noSidewaysScroll(page, `/admin/webhooks à ${width} px`);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-webhooks-${width}.png`), fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}
