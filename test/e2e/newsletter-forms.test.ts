import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPublic } from '../../src/articles/published.ts';
import { insertEdition } from '../../src/newsletters/edition-repository.ts';
import { openPage, VIEWPORTS, type ViewportName } from '../support/browser.ts';
import { chromiumIsInstalled } from '../support/chromium.ts';
import { collectPageErrors } from '../support/newsroom.ts';
import { newsletterE2eSuite, nextConfirmationLink, screenProblems, signUpIn } from './newsletter-e2e.ts';

// The sign-up form after an article, submitted once in Chromium (the proof of work solved by the
// island), the footer's form with several newsletters (the reader picks two on the full form it
// leads to, then confirms), and the public archive reached from the /newsletter page; axe on each
// screen at 375 and 1280 px, with screenshots.

describe('newsletters : formulaires et archives', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let articleUrl = '';
  let archiveUrl = '';
  let editionUrl = '';

  const e2e = newsletterE2eSuite(async ({ server }) => {
    const db = server.database.db;
    const article = await db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.id', 'articles.slug', 'sections.slug as section'])
      .where((eb) => isPublic(eb, new Date().toISOString()))
      .where('articles.format', '=', 'actualite')
      .orderBy('articles.published_at', 'desc')
      .executeTakeFirstOrThrow();
    articleUrl = `/${article.section}/${article.slug}`;
    const pepites = await db.selectFrom('newsletters').select('id').where('slug', '=', 'les-pepites').executeTakeFirstOrThrow();
    const edition = await insertEdition(db, {
      newsletterId: pepites.id,
      subject: 'Nos trouvailles de la semaine',
      intro: 'Trois lectures repérées pour vous, et une à la une.',
      blocks: [{ kind: 'article', articleId: article.id, role: 'lead' }],
      status: 'sent',
      createdBy: null,
    });
    await db.updateTable('newsletter_editions').set({ sent_at: new Date().toISOString() }).where('id', '=', edition).execute();
  });

  test('signs up from the end of an article, then finds the archive from the /newsletter page', async () => {
    const { server } = e2e;
    const { page, context } = await openPage(e2e.browser, 'mobile');
    const errors = collectPageErrors(page);
    await page.goto(server.url(articleUrl));
    await signUpIn(e2e, page, page.locator('section.newsletter-box'), ['Les Pépites'], 'camille.roux@exemple.fr');
    await nextConfirmationLink(e2e);
    const stored = await server.database.db.selectFrom('newsletter_confirmations').select('source').executeTakeFirstOrThrow();
    assert.equal(stored.source, 'formulaire : fin d’article');

    await page.goto(server.url('/newsletter'));
    await page.locator('section.newsletter-archives').getByRole('link', { name: 'Les Pépites' }).click();
    await page.getByRole('heading', { name: 'Archives de « Les Pépites »', exact: false }).waitFor();
    archiveUrl = new URL(page.url()).pathname;
    await page.getByRole('link', { name: 'Nos trouvailles de la semaine' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nos trouvailles de la semaine' }).waitFor();
    editionUrl = new URL(page.url()).pathname;
    await page.getByText('Trois lectures repérées pour vous').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('signs up for two newsletters from the footer: the full form, the mail, then both subscriptions once confirmed', async () => {
    const { server } = e2e;
    const db = server.database.db;
    const { page, context } = await openPage(e2e.browser, 'desktop');
    const errors = collectPageErrors(page);
    await page.goto(server.url(articleUrl));
    // Several newsletters are open: the footer asks only for the address, then leads to the choice.
    const footer = page.locator('.site-footer__newsletter');
    await footer.getByLabel('Votre courriel').fill('jules.bernard@exemple.fr');
    await footer.getByRole('button', { name: 'Choisir mes newsletters' }).click();
    await page.getByRole('heading', { level: 1, name: 'S’inscrire aux newsletters' }).waitFor();
    const form = page.locator('form.newsletter-signup');
    assert.equal(await form.getByLabel('Votre adresse électronique').inputValue(), 'jules.bernard@exemple.fr');
    assert.equal(
      await db.selectFrom('newsletter_confirmations').select('id').where('email', '=', 'jules.bernard@exemple.fr').executeTakeFirst(),
      undefined,
    );
    await signUpIn(e2e, page, form, ['Les Pépites', 'ailleurs']);

    // One message, one link for both newsletters; the consent proof names the footer.
    const link = await nextConfirmationLink(e2e);
    const pending = await db
      .selectFrom('newsletter_confirmations')
      .select(['newsletter_ids', 'source', 'used_at'])
      .where('email', '=', 'jules.bernard@exemple.fr')
      .executeTakeFirstOrThrow();
    const chosen = await db
      .selectFrom('newsletters')
      .select(['id', 'slug'])
      .where('slug', 'in', ['les-pepites', 'vu-d-ailleurs'])
      .execute();
    assert.equal(chosen.length, 2, JSON.stringify(chosen));
    assert.deepEqual([...(JSON.parse(pending.newsletter_ids) as number[])].sort(), chosen.map((n) => n.id).sort());
    assert.equal(pending.source, 'formulaire : pied de page');
    assert.equal(pending.used_at, null);
    const subscriptionsOf = () =>
      db
        .selectFrom('newsletter_subscriptions')
        .innerJoin('readers', 'readers.id', 'newsletter_subscriptions.reader_id')
        .select(['newsletter_subscriptions.newsletter_id', 'newsletter_subscriptions.status', 'newsletter_subscriptions.consent_source'])
        .where('readers.email', '=', 'jules.bernard@exemple.fr')
        .execute();
    assert.deepEqual(await subscriptionsOf(), [], 'rien avant la confirmation');

    await page.goto(link);
    await page.getByRole('button', { name: 'Je confirme mon inscription' }).click();
    await page.getByText('Votre inscription est confirmée').waitFor();
    assert.equal(await page.getByLabel('Les Pépites').isChecked(), true);
    assert.equal(await page.getByLabel(/ailleurs/).isChecked(), true);
    assert.equal(await page.getByLabel(/essentiel du matin/).isChecked(), false);
    const subscriptions = await subscriptionsOf();
    assert.deepEqual(subscriptions.map((s) => s.newsletter_id).sort(), chosen.map((n) => n.id).sort());
    assert.ok(subscriptions.every((s) => s.status === 'active' && s.consent_source === 'formulaire : pied de page'));
    assert.deepEqual(errors, []);
    await context.close();
  });

  // One test per screen and width, each well inside the time limit on a loaded machine.
  for (const name of ['article', 'archives', 'archive-edition'] as const) {
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      test(`axe finds nothing on the ${name} screen at ${VIEWPORTS[viewport].width} px, nothing wider than the screen`, async () => {
        const url = { article: articleUrl, archives: archiveUrl, 'archive-edition': editionUrl }[name];
        assert.ok(url, 'the journey found the page');
        assert.deepEqual(await screenProblems(e2e, { name, url }, viewport), []);
      });
    }
  }
});
