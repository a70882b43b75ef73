import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { checkAccessibility } from '../../test/support/axe.ts';
import { launchBrowser, openPage, openSignedInPage, type ViewportName, VIEWPORTS, visit } from '../../test/support/browser.ts';
import { createNewsroom, SCREENSHOT_DIR } from '../../test/support/newsroom.ts';
import { startTestServer, type TestServer } from '../../test/support/server.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { SYSTEM_ACTOR } from '../accounts/policy.ts';
import { createAgency } from './agency-operations.ts';
import { type PhotoServer, startPhotoServer } from './test-photo-server.ts';
import { pollAgency } from './wire-poll.ts';
import { newsMlSample, ninjsSample } from './wire-samples.ts';

// The wire in a real Chromium: an administrator configures an agency with the form, a file dropped
// in its folder becomes a held dépêche, an editor publishes it, the public page signs it with the
// agency's name and shows the agency's photo (fetched from a local photo server: this server alone
// allows private addresses, WIRE_ALLOW_PRIVATE=1) with its credit. axe finds nothing on the new
// screens at 375 and 1280 px, nor on the queue telling an editor a photo could not be had.
// Then an agency publishing on its own: a photo delivered beside its file is the main image; a
// dépêche whose photo could not be had is listed on the wire screen and flagged in its editor.

let server: TestServer;
let browser: Browser;
let root: string;
let photos: PhotoServer;

before(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosque-wire-e2e-'));
  server = await startTestServer({ env: { WIRE_ROOT: root, WIRE_ALLOW_PRIVATE: '1' } });
  photos = await startPhotoServer();
  await createNewsroom(server.app.kiosque.db);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await photos?.close();
  await fs.rm(root, { recursive: true, force: true });
});

async function pageAs(who: SignedIn, viewport: ViewportName) {
  return openSignedInPage(browser, viewport, who, server.origin);
}

async function noViolation(page: Page, where: string): Promise<void> {
  const report = await checkAccessibility(page);
  assert.equal(report.violations.length, 0, `${where}\n${report.text}`);
}

for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
  test(`wire at ${VIEWPORTS[viewport].width} px: agency form, held dépêche, publication, byline`, async () => {
    const folder = path.join(root, viewport);
    await fs.mkdir(folder);
    const admin = await signInAs(server.app, 'administrateur');
    const editor = await signInAs(server.app, 'editeur');
    const agencyName = `Agence Presse Continentale (APC) ${viewport === 'mobile' ? 'Mobile' : 'Bureau'}`;
    const { context, page } = await pageAs(admin, viewport);
    try {
      await visit(page, server.url('/admin/agences'));
      await noViolation(page, '/admin/agences');

      // Refused first (no source given): the errors are shown and linked, still no violation.
      await page.fill('#agence-nom', agencyName);
      await page.selectOption('#agence-rubrique', { label: 'International' });
      await page.click('button:has-text("Ajouter l’agence")');
      await page.waitForSelector('#agence-dossier-erreur');
      await noViolation(page, '/admin/agences (refusé)');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-agences-refus-${viewport}.png`), fullPage: true });

      await page.fill('#agence-mots-cles', 'Fil info');
      await page.check('#agence-regle-hold');
      await page.selectOption('#agence-format', 'newsml');
      await page.fill('#agence-dossier', folder);
      await page.fill('#agence-intervalle', '5');
      await page.click('button:has-text("Ajouter l’agence")');
      await page.waitForSelector('text=L’agence est ajoutée');
      await noViolation(page, '/admin/agences/:id');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-agence-${viewport}.png`), fullPage: true });

      // The agency's FTP drop: a finished file appears in the folder.
      const file = path.join(folder, 'apc-20261204-001.xml');
      await fs.writeFile(file, newsMlSample({ guid: `urn:e2e:${viewport}`, story: 2, photoHref: photos.url('quai.jpg') }));
      const past = new Date(Date.now() - 60_000);
      await fs.utimes(file, past, past);
      await page.click('button:has-text("Relever maintenant")');
      await page.waitForSelector('text=Le relevé part maintenant');
    } finally {
      await context.close();
    }

    const desk = await pageAs(editor, viewport);
    try {
      const deadline = Date.now() + 15_000;
      for (;;) {
        await visit(desk.page, server.url('/admin/depeches'));
        if ((await desk.page.locator(`h2:has-text("Valmont")`).count()) > 0) break;
        assert.ok(Date.now() < deadline, 'the dropped file never reached the queue');
        await desk.page.waitForTimeout(300);
      }
      await desk.page.click('summary:has-text("Lire la dépêche")');
      assert.match(await desk.page.locator('.wire-held__text').first().innerText(), /parcours nocturne inédit/);
      await noViolation(desk.page, '/admin/depeches');
      await desk.page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-depeches-${viewport}.png`), fullPage: true });
      await desk.page.click('button:has-text("Publier")');
      await desk.page.waitForSelector('text=La dépêche est publiée.');
      assert.equal(await desk.page.locator('.notice--warn').count(), 0, 'the photo was had: no warning');
      // The queue as an editor sees it when an agency's photo could not be had.
      await visit(desk.page, server.url('/admin/depeches?ok=publiee&photo=introuvable'));
      await desk.page.waitForSelector('text=Photo non reprise');
      await noViolation(desk.page, '/admin/depeches (photo non reprise)');
    } finally {
      await desk.context.close();
    }
    assert.deepEqual(await fs.readdir(path.join(folder, 'processed')), ['apc-20261204-001.xml']);

    const article = await server.app.kiosque.db
      .selectFrom('articles')
      .innerJoin('wire_items', 'wire_items.article_id', 'articles.id')
      .select(['articles.slug', 'articles.status'])
      .where('wire_items.guid', '=', `urn:e2e:${viewport}`)
      .executeTakeFirstOrThrow();
    assert.equal(article.status, 'published');
    const reader = await openPage(browser, viewport);
    try {
      await visit(reader.page, server.url(`/international/${article.slug}`));
      await reader.page.screenshot({ path: path.join(SCREENSHOT_DIR, `depeche-agence-${viewport}.png`), fullPage: true });
      assert.match(await reader.page.locator('article').first().innerText(), new RegExp(agencyName.replace(/[()]/g, '\\$&')));
      const hero = reader.page.locator('.article__hero img');
      await hero.waitFor();
      await reader.page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('.article__hero img');
        return img?.complete && img.naturalWidth > 0;
      });
      assert.match(await reader.page.locator('.article__hero figcaption').innerText(), /Crédit photo\s:\sAPC \/ Inès Dubreuil/);
    } finally {
      await reader.context.close();
    }
  });
}

for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
  test(`wire at ${VIEWPORTS[viewport].width} px: automatic publication with a delivered photo, and one without its photo`, async () => {
    const ctx = server.app.kiosque;
    const folder = path.join(root, `auto-${viewport}`);
    await fs.mkdir(folder);
    const section = await ctx.db.selectFrom('sections').select('id').where('slug', '=', 'international').executeTakeFirstOrThrow();
    const agencyId = await createAgency(ctx, SYSTEM_ACTOR, {
      name: `Agence Presse Continentale ${viewport === 'mobile' ? 'Sud' : 'Nord'}`,
      sectionId: section.id,
      rule: 'auto',
      format: 'ninjs',
      folderPath: folder,
    });
    // The agency's drop: a photo beside its file, and a dépêche whose photo its server does not have.
    const past = new Date(Date.now() - 60_000);
    const picture = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#3d5a80' } })
      .jpeg()
      .toBuffer();
    for (const [name, content] of [
      ['quai.jpg', picture],
      ['avec-photo.json', ninjsSample({ guid: `urn:e2e:auto:${viewport}:1`, photoHref: 'quai.jpg' })],
      ['sans-photo.json', ninjsSample({ guid: `urn:e2e:auto:${viewport}:2`, story: 1, photoHref: photos.url('absente.jpg') })],
    ] as const) {
      await fs.writeFile(path.join(folder, name), content);
      await fs.utimes(path.join(folder, name), past, past);
    }
    await pollAgency(ctx, agencyId);
    const articleOf = (guid: string) =>
      ctx.db
        .selectFrom('articles')
        .innerJoin('wire_items', 'wire_items.article_id', 'articles.id')
        .select(['articles.id', 'articles.slug', 'articles.status'])
        .where('wire_items.guid', '=', guid)
        .executeTakeFirstOrThrow();
    const withPhoto = await articleOf(`urn:e2e:auto:${viewport}:1`);
    const without = await articleOf(`urn:e2e:auto:${viewport}:2`);

    const editor = await signInAs(server.app, 'editeur');
    const desk = await pageAs(editor, viewport);
    try {
      await visit(desk.page, server.url('/admin/depeches'));
      const line = desk.page.locator('.wire-problem', { hasText: 'Grève des contrôleurs aériens' }).first();
      await line.waitFor();
      assert.match(await line.innerText(), /Photo non reprise : l’agence ne la fournit pas[\s\S]*Détail : [^\n]*404/);
      assert.equal(await desk.page.locator(`.wire-problem a[href="/admin/articles/${withPhoto.id}"]`).count(), 0);
      await noViolation(desk.page, '/admin/depeches (publiées sans leur photo)');
      await desk.page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-depeches-sans-photo-${viewport}.png`), fullPage: true });
      await line.locator('a').click();
      await desk.page.waitForURL(`**/admin/articles/${without.id}`);
      const panel = desk.page.locator('section[aria-labelledby="wire-panel-title"]');
      assert.match(await panel.innerText(), /Agence Presse Continentale (Sud|Nord) · version 1[\s\S]*Photo non reprise/);
      await noViolation(desk.page, '/admin/articles/:id (dépêche sans photo)');
      await desk.page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-depeche-editeur-sans-photo-${viewport}.png`), fullPage: true });
    } finally {
      await desk.context.close();
    }

    const reader = await openPage(browser, viewport);
    try {
      assert.equal(withPhoto.status, 'published');
      await visit(reader.page, server.url(`/international/${withPhoto.slug}`));
      await reader.page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('.article__hero img');
        return img?.complete && img.naturalWidth > 0;
      });
      assert.match(await reader.page.locator('.article__hero figcaption').innerText(), /Crédit photo\s:\sAPC \/ Lucie Moreau/);
    } finally {
      await reader.context.close();
    }
  });
}
