import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startSmtpCatcher, type SmtpCatcher } from '../../src/core/mail/smtp-catcher.ts';
import { checkAccessibility } from '../support/axe.ts';
import { addSessionCookies, launchBrowser, openPage, type ViewportName, VIEWPORTS } from '../support/browser.ts';
import { chromiumIsInstalled } from '../support/chromium.ts';
import { createArticle, createComment, createSection } from '../support/content-factories.ts';
import { collectPageErrors, paragraphs, SCREENSHOT_DIR } from '../support/newsroom.ts';
import { signInReader } from '../support/readers.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { signInAs, type SignedIn } from '../support/sign-in.ts';

// The whole conversation in a real Chromium: a reader signs up with the link read from a real SMTP
// server, posts (held as a first comment), a moderator approves it from the desk, another reader
// replies, likes and reports it, the moderator refuses it with a reason, and the author reads that
// statement of reasons. Then axe on every new screen at 375 and 1280 px, with screenshots.

describe('commentaires de bout en bout', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let server: TestServer;
  let smtp: SmtpCatcher;
  let browser: Browser;
  let moderator: SignedIn;
  let articlePath: string;
  let articleId: number;

  before(async () => {
    smtp = await startSmtpCatcher();
    server = await startTestServer({ env: { SMTP_URL: smtp.url, POW_MAX_NUMBER: '20000' } });
    const db = server.database.db;
    const section = await createSection(db, { slug: 'societe', name: 'Société' });
    const article = await createArticle(db, {
      section,
      headline: 'Les bibliothèques rurales se réinventent',
      slug: 'bibliotheques-rurales',
      body: JSON.stringify(paragraphs('Dans les villages, la bibliothèque devient un lieu de vie.')),
    });
    articleId = article.id;
    articlePath = `/societe/${article.slug}`;
    moderator = await signInAs(server.app, 'moderateur', { name: 'Marc Modérateur' });
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `comments-${name}.png`), fullPage: true });

  async function moderatorPage(): Promise<Page> {
    const { context, page } = await openPage(browser, 'desktop');
    await addSessionCookies(context, moderator, server.origin);
    return page;
  }

  test('sign up, post, approve, reply, like, report, refuse, statement of reasons', async () => {
    const { page } = await openPage(browser, 'mobile');
    const errors = collectPageErrors(page);
    await page.goto(server.url(articlePath));
    await page.getByRole('link', { name: 'Écrire un commentaire' }).click();
    await page.waitForURL((url) => url.pathname === '/lecteurs/connexion');
    await page.getByLabel('Adresse électronique').fill('camille@exemple.fr');
    await page.getByRole('button', { name: 'Recevoir mon lien' }).click();
    await page.getByRole('heading', { name: 'Vérifiez votre messagerie' }).waitFor();
    const mail = await smtp.next(15_000);
    const link = /https?:\/\/\S+\/lecteurs\/lien\/\S+/.exec(mail.text ?? '')?.[0];
    assert.ok(link);
    // The proof of work was solved by the island: the address got the normal limits, not the stricter ones.
    const events = await server.database.db.selectFrom('rate_events').select('bucket').execute();
    assert.ok(
      events.some((e) => e.bucket.endsWith(':valid')),
      events.map((e) => e.bucket).join(' '),
    );
    await page.goto(link);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await page.waitForURL((url) => url.pathname === '/lecteurs/profil');
    await page.getByLabel('Nom affiché avec vos commentaires').fill('Camille des Monts');
    await page.getByRole('button', { name: 'Enregistrer' }).first().click();
    await page.waitForURL((url) => url.pathname === `/commentaires/${articleId}/ecrire`);
    await page.getByLabel('Votre commentaire').fill('Dans mon village, la bibliothèque prête aussi des outils.\n\nUne idée à copier !');
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.waitForURL((url) => url.pathname === '/lecteurs/commentaires');
    await page.getByText('En attente de modération').waitFor();
    const commentId = (
      await server.database.db.selectFrom('comments').select('id').where('body', 'like', 'Dans mon village%').executeTakeFirstOrThrow()
    ).id;

    const desk = await moderatorPage();
    await desk.goto(server.url('/admin/commentaires'));
    const item = desk.locator(`[data-desk-item="${commentId}"]`);
    await item.getByText('Premier commentaire du lecteur').waitFor();
    await item.getByRole('button', { name: 'Approuver' }).click();
    await desk.getByText('Décision enregistrée.').waitFor();
    // Within a second the shared cached page shows it.
    const started = Date.now();
    await page.goto(server.url(articlePath));
    await page.locator(`#commentaire-${commentId}`).waitFor();
    assert.ok(Date.now() - started < 1000 + 2000, 'visible aussitôt');

    const other = await signInReader(server.app, { name: 'Louis R.' });
    await createComment(server.database.db, {
      article_id: articleId,
      reader_id: other.id,
      body: 'Mon premier avis, déjà publié.',
      created_at: new Date(Date.now() - 86_400_000).toISOString(),
    });
    const second = await openPage(browser, 'desktop');
    await second.context.addCookies(
      other.cookie
        .split('; ')
        .map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), url: server.origin })),
    );
    const reader2 = second.page;
    const errors2 = collectPageErrors(reader2);
    await reader2.goto(server.url(articlePath));
    // The island swapped the link for the form (the reader is signed in).
    await reader2.getByLabel('Votre commentaire').waitFor();
    const comment = reader2.locator(`#commentaire-${commentId}`);
    await comment.getByRole('link', { name: /J’apprécie/ }).click();
    await comment.locator('[aria-pressed="true"]').waitFor();
    assert.equal((await comment.locator('[data-like-count]').textContent())?.trim(), '1');
    await comment.getByRole('link', { name: /Répondre/ }).click();
    await reader2.getByLabel('Votre réponse').fill('Bonne idée, chez nous ce sont des graines.');
    await reader2.getByRole('button', { name: 'Publier' }).click();
    await reader2.waitForURL((url) => url.pathname === articlePath);
    await reader2.getByText('Bonne idée, chez nous ce sont des graines.').waitFor();
    await reader2
      .locator(`#commentaire-${commentId}`)
      .getByRole('link', { name: /Signaler/ })
      .first()
      .click();
    await reader2.getByLabel('Insulte').check();
    await reader2.getByLabel(/Précisions/).fill('Ton méprisant envers les villageois.');
    await reader2.getByRole('button', { name: 'Signaler' }).click();
    await reader2.getByRole('heading', { name: 'Merci pour votre signalement' }).waitFor();

    await desk.goto(server.url('/admin/commentaires?file=signales'));
    const reported = desk.locator(`[data-desk-item="${commentId}"]`);
    await reported.getByText('Ton méprisant envers les villageois.').waitFor();
    await reported.getByLabel('Motif du refus (montré au lecteur)').fill('Propos désobligeants envers d’autres lecteurs.');
    await reported.getByRole('button', { name: 'Refuser' }).click();
    await desk.getByText('Décision enregistrée.').waitFor();

    await page.goto(server.url('/lecteurs/commentaires'));
    await page.getByText('Propos désobligeants envers d’autres lecteurs.').waitFor();
    await shot(page, 'motif-375');
    assert.deepEqual([...errors, ...errors2], []);
  });

  // One test per screen and width: the sweep of 24 pages in one test took 135 s of the 180 s limit
  // on a busy 2-core machine.
  describe('axe finds nothing on every new screen at 375 and 1280 px', () => {
    let reader: Awaited<ReturnType<typeof signInReader>>;
    let commentId: number;
    before(async () => {
      reader = await signInReader(server.app, { name: 'Inès V.' });
      const { id } = await createComment(server.database.db, {
        article_id: articleId,
        reader_id: reader.id,
        body: 'Un avis pour les captures.',
      });
      commentId = id;
      await createComment(server.database.db, {
        article_id: articleId,
        reader_id: reader.id,
        body: 'Un avis refusé.',
        status: 'rejected',
        decision_reason: 'Hors sujet.',
        decided_at: new Date().toISOString(),
      });
      server.app.kiosque.pageCache.clear();
    });
    const screens = [
      { name: 'article', url: () => articlePath, who: 'anonymous' },
      { name: 'connexion', url: () => '/lecteurs/connexion', who: 'anonymous' },
      { name: 'fil', url: () => `/commentaires/article/${articleId}?tri=apprecies`, who: 'anonymous' },
      { name: 'permalien', url: () => `/commentaire/${commentId}`, who: 'anonymous' },
      { name: 'profil', url: () => '/lecteurs/profil', who: 'reader' },
      { name: 'ecrire', url: () => `/commentaires/${articleId}/ecrire`, who: 'reader' },
      { name: 'repondre', url: () => `/commentaires/${commentId}/repondre`, who: 'reader' },
      { name: 'signaler', url: () => `/commentaires/${commentId}/signaler`, who: 'reader' },
      { name: 'modifier', url: () => `/commentaires/${commentId}/modifier`, who: 'reader' },
      { name: 'mes-commentaires', url: () => '/lecteurs/commentaires', who: 'reader' },
      { name: 'bureau', url: () => '/admin/commentaires?file=tous', who: 'moderator' },
      { name: 'listes', url: () => '/admin/commentaires/listes', who: 'moderator' },
    ] as const;
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      const width = VIEWPORTS[viewport].width;
      for (const screen of screens) {
        test(`${screen.name} at ${width} px`, async () => {
          const { context, page } = await openPage(browser, viewport);
          try {
            if (screen.who === 'moderator') await addSessionCookies(context, moderator, server.origin);
            if (screen.who === 'reader')
              await context.addCookies(
                reader.cookie.split('; ').map((pair) => ({
                  name: pair.slice(0, pair.indexOf('=')),
                  value: pair.slice(pair.indexOf('=') + 1),
                  url: server.origin,
                })),
              );
            const response = await page.goto(server.url(screen.url()));
            assert.equal(response?.status(), 200, `${screen.name} : statut ${response?.status()}`);
            await page.waitForLoadState('networkidle');
            // Taken before the checks, so a failing screen leaves its picture behind.
            await page.screenshot({ path: path.join(SCREENSHOT_DIR, `comments-${screen.name}-${width}.png`), fullPage: true });
            const report = await checkAccessibility(page);
            assert.equal(report.violations.length, 0, `${screen.name} ${width}px\n${report.text}`);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
            assert.equal(overflow, false, `${screen.name} ${width}px : défilement horizontal`);
          } finally {
            await context.close();
          }
        });
      }
    }
  });
});
