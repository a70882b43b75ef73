import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility } from '../../test/support/axe.ts';
import {
  addSessionCookies,
  launchBrowser,
  openPage,
  openSignedInPage,
  type ViewportName,
  VIEWPORTS,
  visit,
} from '../../test/support/browser.ts';
import { startTestServer, type TestServer } from '../../test/support/server.ts';
import { signInAs } from '../../test/support/sign-in.ts';
import { makeJpeg } from '../images/test-fixtures.ts';
import { uploadImage } from './media-operations.ts';

const SCREENSHOTS = path.join(import.meta.dirname, '..', '..', 'test-output', 'screenshots');

let server: TestServer;
let browser: Browser;
let cookie: string;

before(async () => {
  server = await startTestServer({ pageCache: false });
  browser = await launchBrowser();
  cookie = (await signInAs(server.app, 'editeur')).cookie;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A browser page signed in as the editor (the session and CSRF cookies of signInAs). */
async function signedInPage(viewport: ViewportName): Promise<{ context: BrowserContext; page: Page }> {
  return openSignedInPage(browser, viewport, { cookie }, server.origin);
}

/** Drops a file on a drop zone the way a browser does: dragenter, dragover, drop with a DataTransfer. */
async function dropFile(page: Page, zoneSelector: string, file: { name: string; type: string; bytes: Buffer }): Promise<void> {
  await page.evaluate(
    ({ selector, name, type, base64 }) => {
      const zone = document.querySelector(selector);
      if (!zone) throw new Error(`pas de zone ${selector}`);
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type }));
      for (const kind of ['dragenter', 'dragover', 'drop'])
        zone.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    },
    { selector: zoneSelector, name: file.name, type: file.type, base64: file.bytes.toString('base64') },
  );
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

test('an image dropped on the upload form is sent, then its focal point is set with a click', async () => {
  const { context, page } = await signedInPage('desktop');
  try {
    await visit(page, server.url('/admin/medias/nouveau'));
    const imageForm = page.locator('form[action^="/admin/medias?"]');

    // Without a credit the server refuses, and the island shows why beside the field.
    await dropFile(page, 'form[action^="/admin/medias?"] [data-drop-zone]', {
      name: 'redaction.jpg',
      type: 'image/jpeg',
      bytes: await makeJpeg(1200, 800),
    });
    assert.match((await imageForm.locator('[data-drop-status]').textContent()) ?? '', /Fichier choisi\u00a0: redaction\.jpg/);
    await imageForm.getByRole('button', { name: 'Envoyer l’image' }).click();
    await imageForm.locator('#image-credit-erreur').waitFor();
    assert.match((await imageForm.locator('#image-credit-erreur').textContent()) ?? '', /Le crédit est obligatoire/);
    assert.equal(await imageForm.locator('#image-credit').getAttribute('aria-invalid'), 'true');

    await imageForm.getByLabel('Crédit').fill('Studio Kiosque / Anne Photographe');
    await imageForm.getByLabel('Texte alternatif').fill('La salle de rédaction un matin de bouclage');
    await Promise.all([
      page.waitForURL(/\/admin\/medias\/\d+\?ok=ajoutee$/),
      imageForm.getByRole('button', { name: 'Envoyer l’image' }).click(),
    ]);
    assert.match((await page.locator('[role="status"]').first().textContent()) ?? '', /Image ajoutée/);
    const id = Number(/\/admin\/medias\/(\d+)/.exec(page.url())?.[1]);

    // A click three quarters across and a quarter down sets the focal point.
    const preview = page.locator('.focal-picker__image');
    await preview.waitFor();
    const box = await preview.boundingBox();
    assert.ok(box);
    await preview.click({ position: { x: box.width * 0.75, y: box.height * 0.25 } });
    assert.equal(await page.locator('#image-focalX').inputValue(), '0.75');
    assert.equal(await page.locator('#image-focalY').inputValue(), '0.25');
    assert.equal(await page.locator('[data-focal-marker]').isVisible(), true);
    await Promise.all([page.waitForURL(/\?ok=enregistree$/), page.getByRole('button', { name: 'Enregistrer' }).click()]);
    const row = await server.database.db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([row.focal_x, row.focal_y, row.credit], [0.75, 0.25, 'Studio Kiosque / Anne Photographe']);

    // The library shows it, thumbnail loaded.
    await visit(page, server.url('/admin/medias'));
    const thumb = page.locator(`a[href="/admin/medias/${id}"] img`);
    await thumb.waitFor();
    await page.waitForFunction(
      (src) => [...document.images].some((img) => img.getAttribute('src') === src && img.complete && img.naturalWidth > 0),
      await thumb.getAttribute('src'),
    );
  } finally {
    await context.close();
  }
});

// One test per width, the image uploaded once with the form before them: the whole sweep in one
// test took 19 s on an idle machine, which the busy 2-core CI machine stretches about four times.
describe('the library, upload and image screens have no axe violations at 375 and 1280 px', () => {
  let imageId: number;
  before(async () => {
    const { context, page } = await signedInPage('desktop');
    try {
      // Something to show: an image with a caption, and one sound.
      await visit(page, server.url('/admin/medias/nouveau'));
      const form = page.locator('form[action^="/admin/medias?"]');
      await dropFile(page, 'form[action^="/admin/medias?"] [data-drop-zone]', {
        name: 'paysage.jpg',
        type: 'image/jpeg',
        bytes: await makeJpeg(1600, 900),
      });
      await form.getByLabel('Crédit').fill('Agence Exemple');
      await form.getByLabel('Texte alternatif').fill('Un paysage de campagne');
      await form.getByLabel('Légende').fill('La plaine de la Beauce au printemps.');
      await Promise.all([page.waitForURL(/\/admin\/medias\/\d+/), form.getByRole('button', { name: 'Envoyer l’image' }).click()]);
      imageId = Number(/\/admin\/medias\/(\d+)/.exec(page.url())?.[1]);
    } finally {
      await context.close();
    }
  });

  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    test(`at ${VIEWPORTS[viewport].width} px`, async () => {
      const opened = await signedInPage(viewport);
      try {
        for (const [name, url] of [
          ['medias', '/admin/medias'],
          ['medias-ajout', '/admin/medias/nouveau'],
          ['medias-image', `/admin/medias/${imageId}`],
          ['medias-sons', '/admin/medias?type=audio'],
        ] as const) {
          await visit(opened.page, server.url(url));
          await opened.page.waitForLoadState('networkidle');
          const report = await checkAccessibility(opened.page);
          assert.equal(report.violations.length, 0, `${url} à ${VIEWPORTS[viewport].width} px :\n${report.text}`);
          await screenshot(opened.page, `admin-${name}-${VIEWPORTS[viewport].width}`);
          // Only our main area is checked for overflow: the shared header and menu belong to the layout.
          const overflow = await opened.page.evaluate(() => {
            const main = document.querySelector('main');
            return main ? main.scrollWidth - main.clientWidth : 0;
          });
          assert.ok(overflow <= 0, `${url} à ${VIEWPORTS[viewport].width} px déborde de ${overflow} px`);
        }
      } finally {
        await opened.context.close();
      }
    });
  }
});

test('a contributor corrects the credit and alt text of their own image, and moves the focal point with the arrow keys', async () => {
  const contributor = await signInAs(server.app, 'contributeur', { name: 'Paul Pigiste' });
  const { image: item } = await uploadImage(server.app.kiosque, contributor.actor, await makeJpeg(900, 600), {
    credit: 'Paul Pigist',
    alt: 'Une manifestaton',
    caption: '',
    focalX: 0.5,
    focalY: 0.5,
  });
  const opened = await openPage(browser, 'desktop');
  try {
    await addSessionCookies(opened.context, contributor, server.origin);
    const { page } = opened;
    await visit(page, server.url(`/admin/medias/${item.id}`));
    await page.getByLabel('Crédit').fill('Paul Pigiste');
    await page.getByLabel('Texte alternatif').fill('Une manifestation place Bellecour');
    // Keyboard only: the marker, then the arrows (5 % a press).
    const marker = page.getByRole('button', { name: /^Point focal\s: 50\s% depuis la gauche, 50\s% depuis le haut/ });
    await marker.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.locator('#image-focalX').inputValue(), '0.6');
    assert.equal(await page.locator('#image-focalY').inputValue(), '0.45');
    assert.match(
      (await page.locator('[data-focal-marker]').getAttribute('aria-label')) ?? '',
      /60\s% depuis la gauche, 45\s% depuis le haut/,
    );
    await Promise.all([page.waitForURL(/\?ok=enregistree$/), page.getByRole('button', { name: 'Enregistrer' }).click()]);
    const row = await server.database.db.selectFrom('images').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.credit, row.alt, row.focal_x, row.focal_y], ['Paul Pigiste', 'Une manifestation place Bellecour', 0.6, 0.45]);
  } finally {
    await opened.context.close();
  }
});
