import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { checkAccessibility } from '../../test/support/axe.ts';
import { addSessionCookies, launchBrowser, openPage, type ViewportName, VIEWPORTS, visit } from '../../test/support/browser.ts';
import { createArticle, createSection, createSettings, minutesAgo } from '../../test/support/content-factories.ts';
import { collectPageErrors, SCREENSHOT_DIR } from '../../test/support/newsroom.ts';
import { startTestServer, type TestServer } from '../../test/support/server.ts';
import { signInAs } from '../../test/support/sign-in.ts';

// The Content API as a headless front end uses it: a page served from another origin fetches the
// latest articles in Chromium (real CORS), and the key screen works with the form, axe-clean at
// phone and laptop widths.

let server: TestServer;
let front: http.Server;
let browser: Browser;

/** A static page of another origin that lists the latest headlines through the API. */
function frontPage(apiOrigin: string, key: string): string {
  return `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Front</title><ul id="articles"></ul><p id="rubriques"></p><p id="etat">…</p>
<script type="module">
  try {
    const response = await fetch('${apiOrigin}/api/content/articles?key=${key}&limit=10&fields=headline,url');
    const { articles } = await response.json();
    // The key may also come in a header: the browser asks first (a CORS preflight).
    const sections = await fetch('${apiOrigin}/api/content/sections', { headers: { 'X-Kiosque-Key': '${key}' } });
    if (!sections.ok) throw new Error(String(sections.status));
    document.querySelector('#rubriques').textContent = (await sections.json()).sections.map((s) => s.name).join(', ');
    for (const article of articles) {
      const item = document.createElement('li');
      item.append(Object.assign(document.createElement('a'), { href: article.url, textContent: article.headline }));
      document.querySelector('#articles').append(item);
    }
    document.querySelector('#etat').textContent = 'chargé';
  } catch (error) {
    document.querySelector('#etat').textContent = 'refusé';
  }
</script></html>`;
}

let frontKey = '';
before(async () => {
  server = await startTestServer();
  const db = server.app.kiosque.db;
  await createSettings(db);
  const section = await createSection(db, { slug: 'monde', name: 'Monde' });
  await createArticle(db, { section, headline: 'Le fleuve a débordé cette nuit', slug: 'fleuve', published_at: minutesAgo(10) });
  await createArticle(db, { section, headline: 'Brouillon à ne pas montrer', slug: 'brouillon', status: 'draft', published_at: null });
  front = http.createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(frontPage(server.origin, frontKey)),
  );
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  front?.closeAllConnections();
  front?.close();
  await server?.close();
});

for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
  const width = VIEWPORTS[viewport].width;
  test(`/admin/api-contenu at ${width} px: a key made with the form serves a front end of its origin only; no axe violation`, async () => {
    const admin = await signInAs(server.app, 'administrateur');
    const { context, page } = await openPage(browser, viewport);
    const errors = collectPageErrors(page);
    try {
      await addSessionCookies(context, admin, server.origin);
      await visit(page, server.url('/admin/api-contenu'));
      let report = await checkAccessibility(page);
      assert.equal(report.violations.length, 0, report.text);

      const frontOrigin = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
      await page.getByLabel('Nom de la clé').fill(`Front ${width}`);
      await page.getByLabel('Origines autorisées (facultatif)').fill(frontOrigin);
      await page.getByRole('button', { name: 'Créer la clé' }).click();
      frontKey = await page.locator('#cle-contenu').inputValue();
      assert.match(frontKey, /^ksc_/);
      report = await checkAccessibility(page);
      assert.equal(report.violations.length, 0, report.text);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-api-contenu-${width}.png`), fullPage: true });
      const overflow = await page.evaluate(() => {
        const main = document.querySelector('main');
        return main ? main.scrollWidth - main.clientWidth : 0;
      });
      assert.ok(overflow <= 0, `déborde de ${overflow} px`);
      assert.deepEqual(errors, []);

      // The front end, on its own origin, in the same browser.
      const frontTab = await context.newPage();
      await frontTab.goto(frontOrigin);
      await frontTab.locator('#etat', { hasText: 'chargé' }).waitFor();
      assert.deepEqual(await frontTab.locator('#articles a').allInnerTexts(), ['Le fleuve a débordé cette nuit']);
      assert.equal(await frontTab.locator('#articles a').getAttribute('href'), `${server.origin}/monde/fleuve`);
      assert.equal(await frontTab.locator('#rubriques').innerText(), 'Monde', 'fetched with the key in a header, after a preflight');

      // Revoked: the same page is refused.
      await page.getByRole('button', { name: new RegExp(`Révoquer la clé « Front ${width} »`) }).click();
      await page.getByText('La clé est révoquée').waitFor();
      await frontTab.reload();
      await frontTab.locator('#etat', { hasText: 'refusé' }).waitFor();
    } finally {
      await context.close();
    }
  });
}
