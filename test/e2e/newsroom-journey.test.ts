import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { parisLocalInput } from '../../src/articles/editor/editor-workflow.ts';
import { launchBrowser, openPage } from '../support/browser.ts';
import { chromiumIsInstalled } from '../support/chromium.ts';
import { collectPageErrors, createNewsroom, SCREENSHOT_DIR, signInThroughForm } from '../support/newsroom.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { createUser, type CreatedUser } from '../support/sign-in.ts';
import { comparable } from '../support/text.ts';

// The newsroom's whole journey in a real Chromium, every step through the screens a person uses:
// a contributor signs in through the login form, uploads a photo, writes a complete article (every
// part of the anatomy) in the editor, lets it autosave and submits it; an editor signs in, finds it
// in the review queue, marks it ready and schedules it a few seconds ahead; the job runner
// publishes it on time; the public page shows every part; the editor renames it and the old
// address answers 301 while the page says "Mis à jour".

const PASSWORD = 'une phrase de passe bien longue';
const ARTICLE = {
  kicker: 'Bras de fer diplomatique',
  headline: 'Sommet de Vladivostok : les deux dirigeants resserrent leurs liens',
  lead: 'Les deux dirigeants se sont retrouvés mardi dans le port de Vladivostok pour un sommet de deux jours.',
  paragraphs: [
    'Le sommet s’est ouvert mardi matin sous un ciel gris.',
    'Aucun accord écrit n’était attendu, selon les diplomates présents.',
  ],
  quote: 'Nos deux pays sont plus proches que jamais.',
  speaker: 'Ivan Petrov',
  speakerRole: 'porte-parole',
  tags: ['Diplomatie', 'Russie'],
  source: { outlet: 'Euronews', url: 'https://www.euronews.com/2026/12/01/sommet', headline: 'Kim and Putin meet in Vladivostok' },
  credit: 'Capture d’écran YouTube / Euronews',
  alt: 'Le port de Vladivostok au petit matin',
};
const RENAMED = { headline: 'Sommet de Vladivostok : un accord de coopération finalement signé', slug: 'accord-signe-a-vladivostok' };

describe('parcours de la rédaction', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let server: TestServer;
  let browser: Browser;
  let contributor: CreatedUser;
  let editor: CreatedUser;
  let _room: Awaited<ReturnType<typeof createNewsroom>>;
  let articleId = 0;
  let publicPath = '';

  before(async () => {
    server = await startTestServer();
    _room = await createNewsroom(server.database.db);
    contributor = await createUser(server.database.db, {
      role: 'contributeur',
      name: 'Claire Pigiste',
      password: PASSWORD,
      personId: true,
    });
    editor = await createUser(server.database.db, { role: 'editeur', name: 'Élise Éditrice', password: PASSWORD });
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // A full-page screenshot of a long article page can take a while on a busy 2-core machine.
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `newsroom-${name}.png`), fullPage: true, timeout: 60_000 });
  const article = () => server.database.db.selectFrom('articles').selectAll().where('id', '=', articleId).executeTakeFirstOrThrow();

  /** Polls until the condition holds (the autosave and the job runner work in the background). */
  async function eventually<T>(
    what: string,
    read: () => Promise<T>,
    ok: (value: T) => boolean,
    timeoutMs = 15_000,
    stepMs = 250,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (ok(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what} : toujours pas après ${timeoutMs} ms (${JSON.stringify(value).slice(0, 300)})`);
      await new Promise((resolve) => setTimeout(resolve, stepMs));
    }
  }

  test('a contributor uploads a photo, writes a complete article, lets it autosave and submits it', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    const errors = collectPageErrors(page);
    await signInThroughForm(page, server.origin, contributor.email, PASSWORD);
    await shot(page, '01-tableau-de-bord-contributeur');

    // The photo, through the media library's upload form.
    const jpeg = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#4a6f8a' } })
      .jpeg({ quality: 80 })
      .toBuffer();
    await page.goto(server.url('/admin/medias/nouveau'));
    await page.locator('#image-fichier').setInputFiles({ name: 'vladivostok.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.getByLabel('Crédit', { exact: false }).first().fill(ARTICLE.credit);
    await page.getByLabel('Texte alternatif').fill(ARTICLE.alt);
    await page.getByLabel('Légende').fill('Le port, mardi.');
    await Promise.all([page.waitForURL(/\/admin\/medias\/\d+/), page.getByRole('button', { name: 'Envoyer l’image' }).click()]);
    const imageId = Number(/\/admin\/medias\/(\d+)/.exec(page.url())![1]);
    await shot(page, '02-image-envoyee');

    // The article, in the editor: every part of the anatomy.
    await page.goto(server.url('/admin/articles/nouveau'));
    await page.locator('.body-toolbar').waitFor();
    await page.getByLabel('Surtitre').fill(ARTICLE.kicker);
    await page.getByLabel('Titre', { exact: true }).fill(ARTICLE.headline);
    await page.waitForURL(/\/admin\/articles\/\d+$/, { timeout: 15_000 });
    articleId = Number(/(\d+)$/.exec(page.url())![1]);
    await page.getByLabel('Chapô').fill(ARTICLE.lead);
    const body = page.locator('.body-editor__content');
    await body.click();
    for (const paragraph of ARTICLE.paragraphs) {
      await page.keyboard.type(paragraph);
      await page.keyboard.press('Enter');
    }
    await page.keyboard.type(ARTICLE.quote);
    await page.getByRole('button', { name: 'Citation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Auteur de la citation' });
    await dialog.waitFor();
    await page.keyboard.type(ARTICLE.speaker);
    await page.keyboard.press('Tab');
    await page.keyboard.type(ARTICLE.speakerRole);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByLabel('Numéro dans la médiathèque').fill(String(imageId));
    await page.getByLabel('Mots-clés').fill(ARTICLE.tags.join(', '));
    await page.getByLabel('Média', { exact: true }).fill(ARTICLE.source.outlet);
    await page.getByLabel('Adresse de l’article source').fill(ARTICLE.source.url);
    await page.getByLabel('Titre original').fill(ARTICLE.source.headline);
    await page
      .locator('[data-save-status]')
      .filter({ hasText: /Enregistré à/ })
      .waitFor({ timeout: 15_000 });
    const saved = await eventually(
      'enregistrement automatique',
      article,
      (row) =>
        row.source_url === ARTICLE.source.url &&
        row.source_headline === ARTICLE.source.headline &&
        row.hero_image_id === imageId &&
        row.body.includes(ARTICLE.speaker),
    );
    assert.equal(saved.kicker, ARTICLE.kicker);
    assert.equal(saved.headline, ARTICLE.headline);
    assert.equal(saved.lead, ARTICLE.lead);
    assert.equal(saved.source_outlet, ARTICLE.source.outlet);
    assert.equal(saved.created_by_user_id, contributor.userId);
    const doc = JSON.parse(saved.body);
    assert.deepEqual(doc.content.map((n: { type: string }) => n.type).slice(0, 3), ['paragraph', 'paragraph', 'quote']);
    assert.deepEqual(
      { speaker: doc.content[2].attrs.speaker, role: doc.content[2].attrs.role },
      { speaker: ARTICLE.speaker, role: ARTICLE.speakerRole },
    );
    await page
      .locator('[data-save-status]')
      .filter({ hasText: /Enregistré à/ })
      .waitFor();
    await shot(page, '03-article-redige');

    // The first autosave created the article: its workflow steps appear without reloading the page.
    const submit = page.getByRole('button', { name: 'Soumettre à la rédaction' });
    await submit.waitFor({ timeout: 10_000 });
    assert.match(page.url(), /\/admin\/articles\/\d+$/);
    await Promise.all([page.waitForURL(/notice=soumis/), submit.click()]);
    assert.equal((await article()).status, 'submitted');
    await shot(page, '04-article-soumis');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an editor finds it in the review queue, marks it ready and schedules it; the job runner publishes it on time', async () => {
    assert.ok(articleId, 'the article of the previous step');
    const { context, page } = await openPage(browser, 'desktop');
    const errors = collectPageErrors(page);
    await signInThroughForm(page, server.origin, editor.email, PASSWORD);
    const queue = page.locator('section[aria-labelledby="file-de-relecture"]');
    await shot(page, '05-file-de-relecture');
    await Promise.all([
      page.waitForURL(new RegExp(`/admin/articles/${articleId}$`)),
      queue.getByRole('link', { name: ARTICLE.headline }).click(),
    ]);
    await Promise.all([page.waitForURL(/notice=pret/), page.getByRole('button', { name: 'Marquer prêt' }).click()]);
    assert.equal((await article()).status, 'ready');

    // The form takes minutes (Paris time): the next minute at least 12 s away.
    const at = new Date(Math.ceil((Date.now() + 12_000) / 60_000) * 60_000);
    await page.locator('#programmer-le').fill(parisLocalInput(at));
    await Promise.all([page.waitForURL(/notice=programme/), page.getByRole('button', { name: 'Programmer', exact: true }).click()]);
    const scheduled = await article();
    assert.equal(scheduled.status, 'scheduled');
    assert.equal(scheduled.published_at, at.toISOString());
    await shot(page, '06-article-programme');
    const section = await server.database.db
      .selectFrom('sections')
      .select('slug')
      .where('id', '=', scheduled.section_id)
      .executeTakeFirstOrThrow();
    publicPath = `/${section.slug}/${scheduled.slug}`;
    assert.equal((await fetch(server.url(publicPath))).status, 404, 'not public before its time');

    const status = await eventually(
      'publication programmée',
      async () => (await fetch(server.url(publicPath))).status,
      (s) => s === 200,
      90_000,
      1000,
    );
    assert.equal(status, 200);
    assert.ok(Date.now() >= at.getTime(), 'not before its time');
    assert.ok(Date.now() - at.getTime() < 15_000, `published on time (${Date.now() - at.getTime()} ms late)`);
    assert.equal((await article()).status, 'published');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the public page shows every part of the article', async () => {
    assert.ok(publicPath, 'published by the previous step');
    const { context, page } = await openPage(browser, 'desktop');
    const errors = collectPageErrors(page);
    await page.goto(server.url(publicPath));
    const part = (name: string) => page.locator(`[data-part="${name}"]`);
    const text = async (name: string) => comparable((await part(name).first().textContent()) ?? '');
    assert.equal(await text('kicker'), comparable(ARTICLE.kicker));
    assert.equal(await text('headline'), comparable(ARTICLE.headline));
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await text('lead'), comparable(ARTICLE.lead));
    assert.match(await text('byline'), /Claire Pigiste/);
    assert.match(await text('dates'), /Publié le/);
    assert.doesNotMatch(await text('dates'), /Mis à jour/);
    assert.match(await text('hero'), new RegExp(comparable(ARTICLE.credit).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(await part('hero').locator('img').first().getAttribute('alt'), ARTICLE.alt);
    for (const paragraph of ARTICLE.paragraphs) assert.ok((await text('body')).includes(comparable(paragraph)), paragraph);
    assert.equal(comparable((await part('body').locator('blockquote').textContent()) ?? ''), comparable(ARTICLE.quote));
    assert.match(
      comparable((await part('body').locator('figure.quote figcaption').textContent()) ?? ''),
      new RegExp(`${ARTICLE.speaker}, ${ARTICLE.speakerRole}`),
    );
    assert.match(await text('source'), new RegExp(`Source: ${ARTICLE.source.outlet}, «${ARTICLE.source.headline}`));
    assert.equal(await part('source').locator('a').getAttribute('href'), ARTICLE.source.url);
    assert.deepEqual(
      await part('tags')
        .locator('a')
        .allTextContents()
        .then((all) => all.map(comparable)),
      ARTICLE.tags,
    );
    assert.ok(await part('share').isVisible());
    assert.equal(await part('comments').count(), 1);
    await shot(page, '07-article-public');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the editor renames the published article: "Mis à jour" on the page, the old address answers 301', async () => {
    assert.ok(publicPath, 'published by the previous step');
    const { context, page } = await openPage(browser, 'desktop');
    const errors = collectPageErrors(page);
    await signInThroughForm(page, server.origin, editor.email, PASSWORD);
    await page.goto(server.url(`/admin/articles/${articleId}`));
    await page.locator('.body-toolbar').waitFor();
    await page.getByLabel('Titre', { exact: true }).fill(RENAMED.headline);
    await page.getByLabel('Adresse (slug)').fill(RENAMED.slug);
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const renamed = await eventually(
      'nouveau titre et nouvelle adresse',
      article,
      (row) => row.slug === RENAMED.slug && row.headline === RENAMED.headline,
    );
    assert.equal(renamed.status, 'published');
    await shot(page, '08-article-renomme');

    const newPath = publicPath.replace(/[^/]+$/, RENAMED.slug);
    const old = await fetch(server.url(publicPath), { redirect: 'manual' });
    assert.equal(old.status, 301);
    assert.equal(new URL(old.headers.get('location')!, server.origin).pathname, newPath);
    const response = await page.goto(server.url(publicPath));
    assert.equal(new URL(page.url()).pathname, newPath, 'the browser follows the redirect');
    assert.equal(response?.status(), 200);
    assert.equal(comparable((await page.locator('[data-part="headline"]').textContent()) ?? ''), comparable(RENAMED.headline));
    assert.match(comparable((await page.locator('[data-part="dates"]').textContent()) ?? ''), /Mis à jour le/);
    await shot(page, '09-article-mis-a-jour');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
