import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { isPublic } from '../../src/articles/published.ts';
import { startSmtpCatcher, type SmtpCatcher } from '../../src/core/mail/smtp-catcher.ts';
import { insertEdition } from '../../src/newsletters/edition-repository.ts';
import { checkAccessibility } from '../support/axe.ts';
import { launchBrowser, openPage, VIEWPORTS, type ViewportName } from '../support/browser.ts';
import { chromiumIsInstalled } from '../support/chromium.ts';
import { collectPageErrors, SCREENSHOT_DIR } from '../support/newsroom.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The sign-up form after an article, submitted once in Chromium (the proof of work solved by the
// island), the footer's compact form, and the public archive reached from the /newsletter page;
// axe on each screen at 375 and 1280 px, with screenshots.

describe('newsletters : formulaires et archives', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let server: TestServer;
  let smtp: SmtpCatcher;
  let browser: Browser;
  let articleUrl = '';
  let archiveUrl = '';
  let editionUrl = '';

  before(async () => {
    smtp = await startSmtpCatcher();
    server = await startTestServer({ seed: true, env: { SMTP_URL: smtp.url, POW_MAX_NUMBER: '20000' } });
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
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  test('signs up from the end of an article, then finds the archive from the /newsletter page', async () => {
    const { page, context } = await openPage(browser, 'mobile');
    const errors = collectPageErrors(page);
    await page.goto(server.url(articleUrl));
    const box = page.locator('section.newsletter-box');
    await box.getByLabel('Les Pépites').check();
    await box.getByLabel('Votre adresse électronique').fill('camille.roux@exemple.fr');
    await box.getByRole('button', { name: 'Je m’inscris' }).click();
    await page.getByRole('heading', { name: 'Vérifiez votre boîte aux lettres' }).waitFor();
    const mail = await smtp.next(15_000);
    assert.match(mail.text ?? '', /\/newsletters\/confirmation\//);
    const stored = await server.database.db.selectFrom('newsletter_confirmations').select('source').executeTakeFirstOrThrow();
    assert.equal(stored.source, 'formulaire : fin d’article');
    // The island solved the proof of work: normal limits, not the stricter ones.
    const events = await server.database.db.selectFrom('rate_events').select('bucket').execute();
    assert.ok(events.some((e) => e.bucket.startsWith('newsletter:ip:') && e.bucket.endsWith(':valid')));

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

  // One test per screen and width, each well inside the time limit on a loaded machine.
  for (const name of ['article', 'archives', 'edition'] as const) {
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      const width = VIEWPORTS[viewport].width;
      test(`axe finds nothing on the ${name} screen at ${width} px, nothing wider than the screen`, async () => {
        const url = { article: articleUrl, archives: archiveUrl, edition: editionUrl }[name];
        assert.ok(url, 'the journey found the page');
        const { context, page } = await openPage(browser, viewport);
        try {
          const response = await page.goto(server.url(url));
          assert.equal(response?.status(), 200);
          const report = await checkAccessibility(page);
          assert.equal(report.violations.length, 0, report.text);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${overflow} px trop large`);
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, `newsletter-forms-${name}-${width}.png`), fullPage: true });
        } finally {
          await context.close();
        }
      });
    }
  }
});
