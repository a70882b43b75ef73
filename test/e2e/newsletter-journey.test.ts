import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startSmtpCatcher, type SmtpCatcher } from '../../src/core/mail/smtp-catcher.ts';
import { jobRunnerOf } from '../../src/core/jobs/job-runner.ts';
import { checkAccessibility } from '../support/axe.ts';
import { addSessionCookies, launchBrowser, openPage, type ViewportName, VIEWPORTS } from '../support/browser.ts';
import { chromiumIsInstalled } from '../support/chromium.ts';
import { collectPageErrors, SCREENSHOT_DIR } from '../support/newsroom.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { signInAs, type SignedIn } from '../support/sign-in.ts';

// Newsletters in a real Chromium: a reader subscribes on the newsletter page, confirms from the
// mail read from a real SMTP server; an editor composes an edition from the site, previews it and
// sends it; the reader receives it and unsubscribes in one click. Then axe on every new screen at
// 375 and 1280 px, with screenshots.

describe('newsletters de bout en bout', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let server: TestServer;
  let smtp: SmtpCatcher;
  let browser: Browser;
  let editor: SignedIn;
  const screens: { name: string; url: string; who: 'reader' | 'editor' }[] = [];

  before(async () => {
    smtp = await startSmtpCatcher();
    server = await startTestServer({ seed: true, env: { SMTP_URL: smtp.url, POW_MAX_NUMBER: '20000' } });
    editor = await signInAs(server.app, 'editeur', { name: 'Élise Éditrice' });
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  test('subscribe, confirm from the mail, the editor composes and sends, receive, unsubscribe in one click', async () => {
    const { page, context } = await openPage(browser, 'mobile');
    const errors = collectPageErrors(page);
    await page.goto(server.url('/newsletter'));
    await page.getByLabel('Les Pépites').check();
    await page.getByLabel('Votre adresse électronique').fill('lea.martin@exemple.fr');
    await page.getByRole('button', { name: 'Je m’inscris' }).click();
    await page.getByRole('heading', { name: 'Vérifiez votre boîte aux lettres' }).waitFor();
    const confirmation = await smtp.next(15_000);
    const link = /https?:\/\/\S+\/newsletters\/confirmation\/\S+/.exec(confirmation.text ?? '')?.[0];
    assert.ok(link);
    // The island solved the proof of work: normal limits, not the stricter ones.
    const events = await server.database.db.selectFrom('rate_events').select('bucket').execute();
    assert.ok(events.some((e) => e.bucket.startsWith('newsletter:ip:') && e.bucket.endsWith(':valid')));
    screens.push({ name: 'confirmation', url: new URL(link).pathname, who: 'reader' });
    await page.goto(link);
    await page.getByRole('button', { name: 'Je confirme mon inscription' }).click();
    await page.getByRole('heading', { name: 'Mes newsletters' }).waitFor();
    await page.getByText('Votre inscription est confirmée').waitFor();
    screens.push({ name: 'mes-newsletters', url: new URL(page.url()).pathname, who: 'reader' });
    assert.equal(await page.getByLabel('Les Pépites').isChecked(), true);
    await context.close();

    const desk = await openPage(browser, 'desktop');
    await addSessionCookies(desk.context, editor, server.origin);
    const admin = desk.page;
    const adminErrors = collectPageErrors(admin);
    await admin.goto(server.url('/admin/newsletters'));
    await admin.getByRole('link', { name: 'Les Pépites' }).click();
    screens.push({ name: 'newsletter', url: new URL(admin.url()).pathname, who: 'editor' });
    await admin.getByRole('button', { name: 'Composer une nouvelle édition' }).click();
    await admin.getByText('Une édition vient d’être composée').waitFor();
    await admin.getByLabel('Introduction').fill('Bonjour ! Cette semaine, nos trouvailles dans la presse.');
    await admin.getByRole('button', { name: 'Retirer le bloc 1' }).click();
    await admin.getByText('Les modifications sont enregistrées.').waitFor();
    const editionPath = new URL(admin.url()).pathname;
    screens.push({ name: 'edition', url: editionPath, who: 'editor' });
    // The previews load in their frames (phone and desktop widths).
    const frame = admin.frameLocator('iframe[title="Aperçu sur téléphone"]');
    await frame.getByText('Cette semaine, nos trouvailles').last().waitFor();
    await admin.getByRole('button', { name: 'Envoyer maintenant' }).click();
    await admin.getByText('L’édition est programmée.').waitFor();
    await jobRunnerOf(server.app.kiosque)?.runDue();
    const edition = await smtp.next(15_000);
    assert.equal(edition.to && !Array.isArray(edition.to) ? edition.to.value[0].address : '', 'lea.martin@exemple.fr');
    assert.match(edition.text ?? '', /Cette semaine, nos trouvailles/);
    // The visible link is the List-Unsubscribe URL.
    const unsubscribe = /Me désabonner : (\S+)/.exec(edition.text ?? '')?.[1];
    assert.ok(unsubscribe, 'lien de désabonnement');
    assert.ok(edition.headerLines.some((h) => h.key === 'list-unsubscribe' && h.line.includes(unsubscribe)));
    assert.deepEqual(adminErrors, []);
    await desk.context.close();

    // The visible link opens a page with one button; a mail client would POST the same URL itself.
    const reader = await openPage(browser, 'mobile');
    await reader.page.goto(unsubscribe);
    screens.push({ name: 'desabonnement', url: new URL(unsubscribe).pathname, who: 'reader' });
    await reader.page.getByRole('button', { name: 'Me désabonner' }).click();
    await reader.page.getByRole('heading', { name: 'Désabonnement enregistré' }).waitFor();
    const sub = await server.database.db.selectFrom('newsletter_subscriptions').select('status').executeTakeFirstOrThrow();
    assert.equal(sub.status, 'unsubscribed');
    await reader.context.close();
    assert.deepEqual(errors, []);
  });

  const publicScreens = () => [
    { name: 'page-newsletter', url: '/newsletter', who: 'reader' as const },
    { name: 'inscription', url: '/newsletters/inscription', who: 'reader' as const },
    ...screens.filter((s) => s.who === 'reader' && s.name !== 'confirmation'),
  ];
  const adminScreens = () => [
    { name: 'newsletters', url: '/admin/newsletters', who: 'editor' as const },
    ...screens.filter((s) => s.who === 'editor'),
    { name: 'abonnes', url: '/admin/newsletters/abonnes', who: 'editor' as const },
  ];

  // One test per audience and width, each well inside the time limit on a loaded machine.
  for (const [label, list] of [
    ['readers', publicScreens],
    ['back office', adminScreens],
  ] as const) {
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      const width = VIEWPORTS[viewport].width;
      test(`axe finds nothing on the ${label} screens at ${width} px`, async () => {
        const problems: string[] = [];
        for (const screen of list()) {
          const { context, page } = await openPage(browser, viewport);
          if (screen.who === 'editor') await addSessionCookies(context, editor, server.origin);
          const response = await page.goto(server.url(screen.url));
          if (response?.status() !== 200) problems.push(`${screen.name}: ${response?.status()}`);
          const report = await checkAccessibility(page);
          if (report.violations.length) problems.push(`${screen.name} ${width}px\n${report.text}`);
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, `newsletters-${screen.name}-${width}.png`), fullPage: true });
          await context.close();
        }
        assert.deepEqual(problems, []);
      });
    }
  }
});
