import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { checkAccessibility } from '../../test/support/axe.ts';
import { addSessionCookies, launchBrowser, openPage, type ViewportName, VIEWPORTS, visit } from '../../test/support/browser.ts';
import { chromiumIsInstalled } from '../../test/support/chromium.ts';
import { collectPageErrors, createNewsroom, SCREENSHOT_DIR } from '../../test/support/newsroom.ts';
import { startTestServer, type TestServer } from '../../test/support/server.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { jobRunnerOf } from '../core/jobs/job-runner.ts';
import { addFeed, createOutlet } from './desk-operations.ts';
import { startTestOutlets, TEST_OUTLETS, TEST_PAGE_PARAGRAPH, type TestOutletServer } from './test-outlets.ts';

// The curation desk in a real Chromium: an editor adds an outlet and its feed with the forms, the
// job runner polls three local fictional outlets, the desk shows their common story, the editor
// reads the extracted text, makes a pépite, pastes a paragraph of the original and the quote guard
// warns; once published, the pépite's page credits its source. axe finds nothing at 375 and 1280 px
// on every screen of the desk (the journey checks the states only it reaches: a refused form, the guard).

describe('la veille dans Chromium', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let server: TestServer;
  let outlets: TestOutletServer;
  let browser: Browser;
  let editor: SignedIn;
  let room: Awaited<ReturnType<typeof createNewsroom>>;

  before(async () => {
    server = await startTestServer({ env: { DESK_ALLOW_PRIVATE: '1', DESK_POLITENESS_MS: '0' } });
    room = await createNewsroom(server.app.kiosque.db);
    editor = await signInAs(server.app, 'editeur', { personId: room.staff.id });
    outlets = await startTestOutlets();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await outlets?.close();
    await server?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `veille-${name}.png`), fullPage: true });

  async function axe(page: Page, where: string) {
    const report = await checkAccessibility(page);
    assert.equal(report.violations.length, 0, `${where} : ${report.text}`);
  }

  test('an editor follows a story across three outlets to a published, credited pépite', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    const errors = collectPageErrors(page);
    await addSessionCookies(context, editor, server.origin);
    const [heraut, observateur, lumiere] = TEST_OUTLETS;

    // The registry: one outlet and its feed through the forms (a refused form first).
    await visit(page, server.url('/admin/veille/medias'));
    await page.getByLabel('Nom du média').fill(heraut.name);
    await page.getByLabel('Site').fill('pas une adresse');
    await page.getByRole('button', { name: 'Ajouter le média' }).click();
    await page.locator('#erreurs').waitFor();
    assert.match(await page.locator('#erreurs').innerText(), /Site : une adresse web complète/);
    await axe(page, 'médias (erreur)');
    await page.getByLabel('Site').fill(`${outlets.origin}/${heraut.slug}/`);
    await Promise.all([
      page.waitForURL(/\/admin\/veille\/medias\/\d+\?ok=ajoute$/),
      page.getByRole('button', { name: 'Ajouter le média' }).click(),
    ]);
    await page.getByLabel('Adresse du flux').fill(`${outlets.origin}/${heraut.slug}/${heraut.feed}`);
    await Promise.all([page.waitForURL(/ok=flux$/), page.getByRole('button', { name: 'Ajouter le flux' }).click()]);
    // The two other outlets through the same operations.
    for (const outlet of [observateur, lumiere]) {
      const id = await createOutlet(server.app.kiosque, editor.actor, {
        name: outlet.name,
        siteUrl: `${outlets.origin}/${outlet.slug}/`,
        logoUrl: '',
        language: 'fr',
        country: 'FR',
      });
      await addFeed(server.app.kiosque, editor.actor, id, {
        url: `${outlets.origin}/${outlet.slug}/${outlet.feed}`,
        kind: 'auto',
        intervalMinutes: 15,
      });
    }
    await jobRunnerOf(server.app.kiosque)!.runDue();
    await page.reload();
    assert.match(await page.locator('main').innerText(), /En bonne santé/);

    // The quote guard's thresholds through their form: warn above 20 words, block above 60.
    await visit(page, server.url('/admin/veille/reglages'));
    await page.getByLabel('Alerter au-delà de (mots à la suite)').fill('20');
    await page.getByLabel('Bloquer la publication au-delà de (mots à la suite)').fill('60');
    await Promise.all([page.waitForURL(/ok=reglages$/), page.getByRole('button', { name: 'Enregistrer' }).click()]);

    // The desk: the bridge story from the three outlets, found with a keyword filter, saved as a view.
    await visit(page, server.url('/admin/veille'));
    await page.getByLabel('Mots-clés').fill('Saint-Aubin');
    await Promise.all([page.waitForURL(/q=Saint-Aubin/), page.getByRole('button', { name: 'Filtrer' }).click()]);
    const story = page.locator('[data-veille-story]').first();
    assert.match(await story.innerText(), /3 articles, 3 médias/);
    assert.match(await story.innerText(), /Premier : Le Héraut du Matin/);
    await page.getByLabel('Enregistrer ces filtres sous le nom').fill('Le pont');
    await Promise.all([page.waitForURL(/ok=vue/), page.getByRole('button', { name: 'Enregistrer la vue' }).click()]);
    assert.match(await page.locator('.desk-views').innerText(), /Le pont/);
    await page.locator('h1').click();
    await page.keyboard.press('j');
    assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute('data-veille-story')), true, 'j focuses the first story');
    await shot(page, '1-sujets');

    // Reading the original: the article's text, without the page's clutter.
    await Promise.all([
      page.waitForURL(/\/admin\/veille\/articles\/\d+$/),
      story
        .getByRole('link', { name: /Saint-Aubin/ })
        .first()
        .click(),
    ]);
    await Promise.all([page.waitForURL(/#lecture-titre$/), page.getByRole('button', { name: 'Lire le texte de l’article' }).click()]);
    const reading = page.locator('[data-extracted]');
    assert.match(await reading.innerText(), /Sur place, les habitants rencontrés/);
    assert.doesNotMatch(await reading.innerText(), /Tout accepter|À lire aussi|Je m’inscris/);
    await shot(page, '2-lecture');

    // One click: the pépite draft, its source filled in; a pasted paragraph makes the guard warn.
    await Promise.all([page.waitForURL(/\/admin\/articles\/\d+$/), page.getByRole('button', { name: 'Créer une pépite' }).click()]);
    const articleId = Number(/(\d+)$/.exec(page.url())![1]);
    await page.locator('.body-toolbar').waitFor();
    assert.equal(await page.getByLabel('Média', { exact: true }).inputValue(), heraut.name);
    assert.match(await page.getByLabel('Adresse de l’article source').inputValue(), /\/heraut\/articles\//);
    await page.getByLabel('Titre', { exact: true }).fill('À Valmorin, un pont fissuré fermé pour trois semaines');
    await page.getByLabel('Chapô').fill(TEST_PAGE_PARAGRAPH);
    await page.getByLabel('Numéro dans la médiathèque').fill(String(room.image.id));
    await page
      .locator('[data-save-status]')
      .filter({ hasText: /Enregistré à/ })
      .waitFor({ timeout: 15_000 });
    await page.reload();
    const guard = page.locator('[data-quote-guard]');
    assert.equal(await guard.getAttribute('data-quote-guard'), 'warn');
    assert.match(await guard.innerText(), /Attention, reprise : 43 mots à la suite reprennent l’article de Le Héraut du Matin/);
    await axe(page, 'éditeur de la pépite');
    await shot(page, '3-garde-fou');

    // Published (a warning does not block), the pépite's page credits its source.
    await Promise.all([page.waitForURL(/notice=/), page.getByRole('button', { name: 'Publier', exact: true }).click()]);
    const row = await server.app.kiosque.db
      .selectFrom('articles')
      .select(['status', 'slug'])
      .where('id', '=', articleId)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'published');
    await visit(page, server.url(`/international/${row.slug}`));
    const source = page.locator('[data-part="source"]');
    assert.match(await source.innerText(), /Source\s*:\s*Le Héraut du Matin/i);
    assert.match((await source.getByRole('link', { name: heraut.name }).getAttribute('href')) ?? '', /\/heraut\/articles\//);
    assert.deepEqual(errors, []);
    await context.close();
  });

  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    test(`the desk's screens at ${VIEWPORTS[viewport].width} px: no axe violation, nothing scrolls sideways`, async () => {
      const { context, page } = await openPage(browser, viewport);
      await addSessionCookies(context, editor, server.origin);
      const item = await server.app.kiosque.db.selectFrom('desk_items').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
      const outlet = await server.app.kiosque.db.selectFrom('desk_outlets').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
      for (const url of [
        '/admin/veille',
        '/admin/veille/medias',
        `/admin/veille/medias/${outlet.id}`,
        `/admin/veille/articles/${item.id}`,
        '/admin/veille/reglages',
      ]) {
        await visit(page, server.url(url));
        await axe(page, `${url} à ${VIEWPORTS[viewport].width} px`);
        const overflow = await page.evaluate(() => {
          const main = document.querySelector('main');
          return main ? main.scrollWidth - main.clientWidth : 0;
        });
        assert.ok(overflow <= 0, `${url} déborde de ${overflow} px`);
      }
      await context.close();
    });
  }
});
