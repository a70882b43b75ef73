import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkAccessibility } from '../../../test/support/axe.ts';
import { addSessionCookies, launchBrowser } from '../../../test/support/browser.ts';
import { chromiumIsInstalled } from '../../../test/support/chromium.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { signInAs, type SignedIn } from '../../../test/support/sign-in.ts';
import { makeJpeg } from '../../images/test-fixtures.ts';
import { parseBody } from '../body/body-schema.ts';
import { createArticle, updateArticle } from '../operations/save-article.ts';
import { scheduleArticle } from '../operations/workflow.ts';
import { createImage, createPerson } from '../../../test/support/content-factories.ts';
import { draftBy, newsroom } from './editor-test-support.ts';

// The editor in a real Chromium: typing into Tiptap, marks, headings and a quotation with its
// speaker through the keyboard-only toolbar, autosave, reload; a new article that autosaves into
// existence; axe on the screen at phone and desktop widths.

const SCREENSHOTS = path.join(import.meta.dirname, '..', '..', '..', 'test-output', 'screenshots');

describe('éditeur dans Chromium', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let server: TestServer;
  let browser: Browser;
  let editor: SignedIn;
  let room: Awaited<ReturnType<typeof newsroom>>;

  before(async () => {
    server = await startTestServer();
    room = await newsroom(server.database.db);
    editor = await signInAs(server.app, 'editeur', { name: 'Élise Éditrice' });
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A signed-in page that records script errors and CSP refusals. */
  async function open(width = 1280): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    context.setDefaultTimeout(15_000);
    await addSessionCookies(context, editor, server.origin);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on(
      'console',
      (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && errors.push(message.text()),
    );
    return { context, page, errors };
  }

  const storedBody = async (id: number) =>
    JSON.parse((await server.database.db.selectFrom('articles').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body);

  test('typing, marks, headings and a quoted speaker, by keyboard; autosaved; still there after a reload', async () => {
    const { id } = await draftBy(server.app, editor.actor, {
      sectionId: room.section.id,
      headline: 'Essai de l’éditeur',
      authorPersonIds: [room.staff.id],
    });
    const { context, page, errors } = await open();
    await page.goto(server.url(`/admin/articles/${id}`));
    const content = page.locator('.body-editor__content');
    await content.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Un premier paragraphe, ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('fort');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' puis ');
    await page.keyboard.press('Control+i');
    await page.keyboard.type('penché');
    await page.keyboard.press('Control+i');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Un intertitre');
    await page.keyboard.press('Control+Alt+2');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Une phrase restée célèbre.');

    // The toolbar by keyboard only: Alt+F10 reaches it, arrows move, Enter presses.
    await page.keyboard.press('Alt+F10');
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent),
      'Intertitre',
    );
    assert.equal(await page.locator('[role="toolbar"] button[tabindex="0"]').count(), 1, 'one tab stop in the toolbar');
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Citation');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Auteur de la citation' });
    await dialog.waitFor();
    await page.keyboard.type('Ada Lovelace');
    await page.keyboard.press('Tab');
    await page.keyboard.type('mathématicienne');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    assert.match(await page.locator('.node-view--quote figcaption').innerText(), /Ada Lovelace, mathématicienne/);

    // Back in the bold word: the toolbar says so.
    await page.locator('.body-editor__content strong').click();
    // The toolbar follows the selection as ProseMirror reports it (after the click is handled).
    await page.waitForFunction(() => document.querySelector('.body-toolbar__button--bold')?.getAttribute('aria-pressed') === 'true', null, {
      timeout: 5000,
    });
    assert.equal(await page.getByRole('button', { name: 'Italique' }).getAttribute('aria-pressed'), 'false');

    await page
      .locator('[data-save-status]')
      .filter({ hasText: /Enregistré à \d{1,2}\sh\s\d{2}/ })
      .waitFor({ timeout: 15_000 });
    const body = await storedBody(id);
    parseBody(body);
    assert.deepEqual(body.content.map((n: { type: string }) => n.type).slice(0, 3), ['paragraph', 'heading', 'quote']);
    assert.deepEqual(body.content[1].attrs, { level: 2 });
    assert.equal(body.content[2].attrs.speaker, 'Ada Lovelace');
    assert.equal(body.content[2].attrs.role, 'mathématicienne');
    const marks = body.content[0].content.flatMap((t: { marks?: { type: string }[] }) => (t.marks ?? []).map((m) => m.type));
    assert.deepEqual(marks, ['bold', 'italic']);

    await page.reload();
    assert.equal(await page.locator('.body-editor__content strong').innerText(), 'fort');
    assert.equal(await page.locator('.body-editor__content em').innerText(), 'penché');
    assert.equal(await page.locator('.body-editor__content h2').innerText(), 'Un intertitre');
    assert.match(await page.locator('.node-view--quote').innerText(), /Une phrase restée célèbre\.[\s\S]*Ada Lovelace/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a new article saves itself once it has a title, and the address becomes the article’s', async () => {
    const { context, page, errors } = await open();
    await page.goto(server.url('/admin/articles/nouveau'));
    await page.getByLabel('Titre', { exact: true }).fill('Écrit sans cliquer sur Enregistrer');
    await page.locator('.body-editor__content').click();
    await page.keyboard.type('Un corps tapé au clavier.');
    await page.waitForURL(/\/admin\/articles\/\d+$/, { timeout: 15_000 });
    const id = Number(/(\d+)$/.exec(page.url())![1]);
    await page
      .locator('[data-save-status]')
      .filter({ hasText: /Enregistré à/ })
      .waitFor();
    const row = await server.database.db
      .selectFrom('articles')
      .select(['headline', 'body', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.headline, 'Écrit sans cliquer sur Enregistrer');
    assert.equal(row.status, 'draft');
    assert.match(row.body, /Un corps tapé au clavier/);
    // Typing on: the next saves go to this article, not a new one.
    await page.keyboard.type(' Et encore.');
    await page
      .locator('[data-save-status]')
      .filter({ hasText: /Enregistré à/ })
      .waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-save-status]')?.textContent?.includes('non enregistr'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.match((await storedBody(id)).content[0].content[0].text, /Et encore\./);
    const count = await server.database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('headline', '=', 'Écrit sans cliquer sur Enregistrer')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  /** Holds the pages' first saves (POST /admin/articles) until `count` have been sent, then lets them all through at once. */
  async function holdCreations(pages: Page[], count: number): Promise<{ sent: () => number }> {
    const waiting: (() => void)[] = [];
    let sent = 0;
    for (const page of pages) {
      await page.route(
        (url) => url.pathname === '/admin/articles',
        (route) => {
          if (route.request().method() !== 'POST') return route.continue();
          sent += 1;
          waiting.push(() => void route.continue());
          if (waiting.length >= count) for (const go of waiting.splice(0)) go();
        },
      );
    }
    return { sent: () => sent };
  }

  const articlesWithKey = async (key: string) =>
    (await server.database.db.selectFrom('articles').select('id').where('draft_key', '=', key).execute()).map((r) => r.id);

  test('typing fast then "Enregistrer" while the first autosave is in flight: one article, and the save lands on it', async () => {
    const { context, page, errors } = await open();
    await page.goto(server.url('/admin/articles/nouveau'));
    await page.locator('.body-toolbar').waitFor();
    const key = await page.locator('input[name="draftKey"]').inputValue();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let creations = 0;
    await page.route(
      (url) => url.pathname === '/admin/articles',
      async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        creations += 1;
        await held;
        return route.continue();
      },
    );
    await page.getByLabel('Titre', { exact: true }).pressSequentially('Écrit très vite', { delay: 0 });
    await page.locator('.body-editor__content').click();
    await page.keyboard.type('Des mots tapés sans attendre, puis enregistrés à la main.');
    // Leaving the tab sends the first autosave now (held in flight); then the explicit save.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    });
    await page.waitForFunction(() => document.querySelector('[data-save-status]')?.textContent === 'Enregistrement…');
    await page.keyboard.type(' Encore.');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page
      .getByRole('button', { name: 'Enregistrer', exact: true })
      .click({ timeout: 2000 })
      .catch(() => {});
    release();
    await page.waitForURL(/\/admin\/articles\/\d+\?enregistre$/, { timeout: 15_000 });
    const ids = await articlesWithKey(key);
    assert.equal(ids.length, 1, 'one article for the form');
    assert.equal(creations, 1, 'one creation request');
    assert.equal(page.url(), server.url(`/admin/articles/${ids[0]}?enregistre`));
    assert.match((await storedBody(ids[0])).content[0].content[0].text, /Encore\./);
    assert.equal(
      (await server.database.db.selectFrom('articles').select('id').where('headline', '=', 'Écrit très vite').execute()).length,
      1,
    );
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('two tabs of one new article (a duplicated tab) whose first autosaves reach the server together: one article', async () => {
    const first = await open();
    const second = await open();
    await first.page.goto(server.url('/admin/articles/nouveau'));
    await second.page.goto(server.url('/admin/articles/nouveau'));
    await first.page.locator('.body-toolbar').waitFor();
    await second.page.locator('.body-toolbar').waitFor();
    // A duplicated tab keeps the form as it was, draft key included.
    const key = await first.page.locator('input[name="draftKey"]').inputValue();
    await second.page.locator('input[name="draftKey"]').evaluate((input, value) => {
      (input as HTMLInputElement).value = value;
    }, key);
    const hold = await holdCreations([first.page, second.page], 2);
    for (const [i, tab] of [first, second].entries()) {
      await tab.page.getByLabel('Titre', { exact: true }).pressSequentially('Deux onglets, un article', { delay: 0 });
      await tab.page.locator('.body-editor__content').click();
      await tab.page.keyboard.type(`Texte de l’onglet ${i + 1}.`);
    }
    for (const tab of [first, second]) await tab.page.waitForURL(/\/admin\/articles\/\d+$/, { timeout: 20_000 });
    assert.equal(hold.sent(), 2, 'both tabs sent a first save');
    const ids = await articlesWithKey(key);
    assert.equal(ids.length, 1, 'one article for both tabs');
    assert.equal(first.page.url(), server.url(`/admin/articles/${ids[0]}`));
    assert.equal(second.page.url(), server.url(`/admin/articles/${ids[0]}`));
    assert.equal(
      (await server.database.db.selectFrom('articles').select('id').where('headline', '=', 'Deux onglets, un article').execute()).length,
      1,
    );
    assert.deepEqual([...first.errors, ...second.errors], []);
    await first.context.close();
    await second.context.close();
  });

  test('a contributor not listed in the selects is found through the combobox and picked by keyboard; autosaved', async () => {
    const guest = await createPerson(server.database.db, {
      name: 'Zoé Contributrice',
      slug: 'zoe-contributrice',
      kind: 'contributor',
      role_line: 'Politologue',
    });
    await createPerson(server.database.db, { name: 'Zoé Autre', slug: 'zoe-autre', kind: 'contributor', role_line: 'Historienne' });
    const { id } = await draftBy(server.app, editor.actor, {
      sectionId: room.section.id,
      headline: 'Signature à compléter',
      authorPersonIds: [room.staff.id],
    });
    const { context, page, errors } = await open();
    await page.goto(server.url(`/admin/articles/${id}`));
    assert.equal(
      await page.locator('select[name="authorPersonIds"] option', { hasText: 'Zoé' }).count(),
      0,
      'contributors are not all listed',
    );
    const combobox = page.getByRole('combobox', { name: 'Ajouter un contributeur' });
    await combobox.focus();
    await page.keyboard.type('politolo');
    const found = page.getByRole('listbox', { name: 'Contributeurs trouvés' }).getByRole('option');
    await found.first().waitFor();
    assert.equal(await combobox.getAttribute('aria-expanded'), 'true');
    assert.deepEqual(await found.allTextContents(), ['Zoé Contributrice — Politologue']);
    await page.locator('[role="status"]', { hasText: '1 résultat' }).waitFor();
    await page.keyboard.press('ArrowDown');
    const optionId = await found.first().getAttribute('id');
    assert.equal(await combobox.getAttribute('aria-activedescendant'), optionId);
    assert.equal(await found.first().getAttribute('aria-selected'), 'true');
    await page.keyboard.press('Enter');
    assert.equal(await combobox.getAttribute('aria-expanded'), 'false');
    assert.equal(await combobox.inputValue(), '');
    assert.equal(page.url(), server.url(`/admin/articles/${id}`), 'Enter did not submit the form');
    const selects = page.locator('select[name="authorPersonIds"]');
    assert.deepEqual(await selects.evaluateAll((all) => all.map((s) => (s as HTMLSelectElement).value)), [
      String(room.staff.id),
      String(guest.id),
    ]);
    // Escape closes the list without picking.
    await page.keyboard.type('historienne');
    await found.filter({ hasText: 'Historienne' }).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await combobox.getAttribute('aria-expanded'), 'false');
    await page
      .locator('[data-save-status]')
      .filter({ hasText: /Enregistré à/ })
      .waitFor();
    const authors = async () =>
      (
        await server.database.db
          .selectFrom('article_authors')
          .select('person_id')
          .where('article_id', '=', id)
          .orderBy('position')
          .execute()
      ).map((r) => r.person_id);
    for (let i = 0; i < 50 && (await authors()).length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(await authors(), [room.staff.id, guest.id]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('someone else saved meanwhile: the autosave opens the conflict dialog; "Garder ma version" saves over theirs', async () => {
    const { id } = await draftBy(server.app, editor.actor, { sectionId: room.section.id, headline: 'Article disputé' });
    const { context, page, errors } = await open();
    await page.goto(server.url(`/admin/articles/${id}`));
    await page.locator('.body-toolbar').waitFor();
    const colleague = await signInAs(server.app, 'editeur', { name: 'Chloé Collègue' });
    await updateArticle(server.app.kiosque, colleague.actor, id, 1, {
      sectionId: room.section.id,
      headline: 'Leur titre',
      body: { type: 'doc', content: [] },
    });

    await page.getByLabel('Titre', { exact: true }).fill('Mon titre');
    const dialog = page.getByRole('dialog', { name: /Conflit/ });
    await dialog.waitFor({ timeout: 15_000 });
    assert.match(await dialog.innerText(), /Chloé Collègue/);
    assert.match(await dialog.innerText(), /Leur titre/);
    assert.match(await dialog.innerText(), /Mon titre/);
    assert.match(await page.locator('[data-save-status]').innerText(), /Conflit/);
    const row = async () => ({
      ...(await server.database.db.selectFrom('articles').select(['headline', 'revision']).where('id', '=', id).executeTakeFirstOrThrow()),
    });
    assert.deepEqual(await row(), { headline: 'Leur titre', revision: 2 }, 'nothing overwritten silently');

    await dialog.getByRole('button', { name: 'Garder ma version' }).click();
    await page
      .locator('[data-save-status]')
      .filter({ hasText: /Enregistré à/ })
      .waitFor();
    assert.deepEqual(await row(), { headline: 'Mon titre', revision: 3 });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a scheduled article shows its time; "Reprogrammer" moves it; axe at 375 and 1280 px', async () => {
    const image = await createImage(server.database.db);
    const { id } = await createArticle(server.app.kiosque, editor.actor, {
      format: 'actualite',
      sectionId: room.section.id,
      headline: 'Prévu pour le 14 juillet',
      lead: 'Un chapô.',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Un paragraphe.' }] }] },
      authorPersonIds: [room.staff.id],
      heroImageId: image.id,
    });
    await scheduleArticle(server.app.kiosque, editor.actor, id, '2099-07-14T07:05:00.000Z');
    const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
    for (const width of [375, 1280]) {
      const { context, page, errors } = await open(width);
      await page.goto(server.url(`/admin/articles/${id}`));
      await page.locator('.body-toolbar').waitFor();
      assert.match(
        plain(await page.locator('[data-scheduled-at]').textContent()),
        /Publication programmée le 14 juillet 2099 à 9 h 05 \(heure de Paris\)/,
      );
      const report = await checkAccessibility(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `editeur-programme-${width}.png`), fullPage: true });
      assert.equal(report.violations.length, 0, report.text);
      if (width === 1280) {
        await page.getByLabel('Nouvelle heure de publication (heure de Paris)').fill('2099-07-15T18:30');
        await page.getByRole('button', { name: 'Reprogrammer' }).click();
        await page.waitForURL(/notice=programme/);
        assert.match(plain(await page.locator('[data-scheduled-at]').textContent()), /15 juillet 2099 à 18 h 30/);
        const row = await server.database.db
          .selectFrom('articles')
          .select(['status', 'published_at'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        assert.equal(row.status, 'scheduled');
        assert.equal(new Date(row.published_at!).toISOString(), '2099-07-15T16:30:00.000Z');
      }
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test('the image picker adds a new image in place (credit and alt required, focal point clicked), which becomes the hero; axe at 375 and 1280 px', async () => {
    const { id } = await draftBy(server.app, editor.actor, {
      sectionId: room.section.id,
      headline: 'Illustré sans quitter l’article',
      authorPersonIds: [room.staff.id],
    });
    const jpeg = await makeJpeg(800, 600);
    for (const width of [375, 1280]) {
      const { context, page, errors } = await open(width);
      await page.goto(server.url(`/admin/articles/${id}`));
      await page.locator('.body-toolbar').waitFor();
      await page.getByRole('button', { name: 'Choisir dans la médiathèque' }).click();
      const dialog = page.getByRole('dialog', { name: 'Choisir l’image principale' });
      await dialog.waitFor();
      await dialog.getByText('Ajouter une nouvelle image').click();
      await dialog.getByLabel('Fichier de l’image').setInputFiles({ name: 'conference.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      const preview = dialog.locator('.picker-upload__preview .focal-picker__image');
      await preview.waitFor();
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('.picker-upload__preview img');
        return img?.complete && img.naturalWidth > 0;
      });
      const box = (await preview.boundingBox())!;
      await preview.click({ position: { x: box.width * 0.25, y: box.height * 0.75 } });
      await dialog.getByLabel('Crédit (obligatoire)').fill('Studio Kiosque / Lina Photo');
      // Without the alt text, nothing is sent: the message is beside the field.
      await dialog.getByRole('button', { name: 'Ajouter et choisir cette image' }).click();
      const alt = dialog.getByLabel('Texte alternatif (obligatoire)');
      assert.equal(await alt.getAttribute('aria-invalid'), 'true');
      assert.match((await dialog.locator('.field__error').first().textContent()) ?? '', /Le texte alternatif est obligatoire/);
      const report = await checkAccessibility(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `editeur-ajout-image-${width}.png`), fullPage: false });
      assert.equal(report.violations.length, 0, report.text);
      if (width === 1280) {
        await alt.fill('Une salle de conférence avant les débats');
        await dialog.getByRole('button', { name: 'Ajouter et choisir cette image' }).click();
        await dialog.waitFor({ state: 'detached' });
        const heroId = Number(await page.locator('[data-hero-input]').inputValue());
        assert.ok(heroId > 0, 'the new image is the hero');
        assert.match(await page.locator('[data-hero-preview]').innerText(), /Studio Kiosque \/ Lina Photo/);
        const image = await server.database.db.selectFrom('images').selectAll().where('id', '=', heroId).executeTakeFirstOrThrow();
        assert.deepEqual(
          [image.credit, image.alt, image.focal_x, image.focal_y, image.uploaded_by_user_id],
          ['Studio Kiosque / Lina Photo', 'Une salle de conférence avant les débats', 0.25, 0.75, editor.actor.userId],
        );
        await page
          .locator('[data-save-status]')
          .filter({ hasText: /Enregistré à/ })
          .waitFor({ timeout: 15_000 });
        const row = await server.database.db.selectFrom('articles').select('hero_image_id').where('id', '=', id).executeTakeFirstOrThrow();
        assert.equal(row.hero_image_id, heroId);
      }
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  for (const width of [375, 1280]) {
    test(`axe finds no violation on the editor at ${width} px`, async () => {
      const { id } = await draftBy(server.app, editor.actor, {
        sectionId: room.section.id,
        headline: 'Accessibilité',
        authorPersonIds: [room.staff.id, room.expert.id],
      });
      const { context, page, errors } = await open(width);
      await page.goto(server.url(`/admin/articles/${id}`));
      await page.locator('.body-toolbar').waitFor();
      const report = await checkAccessibility(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `editeur-${width}.png`), fullPage: true });
      assert.equal(report.violations.length, 0, report.text);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling (${overflow} px)`);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
