import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jobRunnerOf } from '../../src/core/jobs/job-runner.ts';
import { audienceCounting } from '../../src/newsletters/audience-counts.ts';
import { newsletterSecret } from '../../src/newsletters/newsletter-links.ts';
import { readSendingLimits } from '../../src/newsletters/send-pace.ts';
import { openPage, openSignedInPage, type ViewportName, VIEWPORTS } from '../support/browser.ts';
import { chromiumIsInstalled } from '../support/chromium.ts';
import { collectPageErrors } from '../support/newsroom.ts';
import { signInAs, type SignedIn } from '../support/sign-in.ts';
import { newsletterE2eSuite, nextConfirmationLink, screenProblems, signUpIn } from './newsletter-e2e.ts';

// Newsletters in a real Chromium: a reader subscribes on the newsletter page, confirms from the
// mail read from a real SMTP server; an editor composes an edition from the site, previews it and
// sends it; the reader receives it and unsubscribes in one click. The editor then turns on the
// audience counts, sets the sending cap, and imports, finds and erases subscribers. Then axe on
// every new screen at 375 and 1280 px, with screenshots.

describe('newsletters de bout en bout', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let editor: SignedIn;
  const screens: { name: string; url: string; who: 'reader' | 'editor' }[] = [];
  const e2e = newsletterE2eSuite(async ({ server }) => {
    editor = await signInAs(server.app, 'editeur', { name: 'Élise Éditrice' });
  });

  test('subscribe, confirm from the mail, the editor composes and sends, receive, unsubscribe in one click', async () => {
    const { server, smtp } = e2e;
    const { page, context } = await openPage(e2e.browser, 'mobile');
    const errors = collectPageErrors(page);
    await page.goto(server.url('/newsletter'));
    await signUpIn(e2e, page, page, ['Les Pépites'], 'lea.martin@exemple.fr');
    const link = await nextConfirmationLink(e2e);
    screens.push({ name: 'confirmation', url: new URL(link).pathname, who: 'reader' });
    await page.goto(link);
    await page.getByRole('button', { name: 'Je confirme mon inscription' }).click();
    await page.getByRole('heading', { name: 'Mes newsletters' }).waitFor();
    await page.getByText('Votre inscription est confirmée').waitFor();
    screens.push({ name: 'mes-newsletters', url: new URL(page.url()).pathname, who: 'reader' });
    assert.equal(await page.getByLabel('Les Pépites').isChecked(), true);
    await context.close();

    const desk = await openSignedInPage(e2e.browser, 'desktop', editor, server.origin);
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
    const reader = await openPage(e2e.browser, 'mobile');
    await reader.page.goto(unsubscribe);
    screens.push({ name: 'desabonnement', url: new URL(unsubscribe).pathname, who: 'reader' });
    await reader.page.getByRole('button', { name: 'Me désabonner' }).click();
    await reader.page.getByRole('heading', { name: 'Désabonnement enregistré' }).waitFor();
    const sub = await server.database.db.selectFrom('newsletter_subscriptions').select('status').executeTakeFirstOrThrow();
    assert.equal(sub.status, 'unsubscribed');
    await reader.context.close();
    assert.deepEqual(errors, []);
  });

  test('the editor turns on the audience counts: the edition then counts its opens, in totals, and a preview counts nothing', async () => {
    const { server } = e2e;
    const db = server.database.db;
    const editionPath = screens.find((s) => s.name === 'edition')?.url;
    assert.ok(editionPath, 'the journey composed an edition');
    const editionId = Number(editionPath.split('/').pop());
    const pixel = audienceCounting(await newsletterSecret(server.app.kiosque), editionId).pixelPath;
    const opensOf = async () =>
      (await db.selectFrom('newsletter_editions').select('opens').where('id', '=', editionId).executeTakeFirstOrThrow()).opens;

    const { page, context } = await openSignedInPage(e2e.browser, 'desktop', editor, server.origin);
    const errors = collectPageErrors(page);
    // Off by default: the edition's pixel counts nothing, its screen shows no audience.
    assert.equal((await page.request.get(server.url(pixel))).status(), 200);
    assert.equal(await opensOf(), 0);
    await page.goto(server.url(editionPath));
    assert.equal(await page.locator('.edition-audience').count(), 0);

    await page.goto(server.url('/admin/newsletters'));
    await page.getByRole('link', { name: 'Les Pépites' }).click();
    const box = page.getByLabel('Compter les ouvertures et les clics de chaque édition', { exact: false });
    assert.equal(await box.isChecked(), false);
    await box.check();
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Les modifications sont enregistrées.').waitFor();
    const stored = await db.selectFrom('newsletters').select('count_audience').where('slug', '=', 'les-pepites').executeTakeFirstOrThrow();
    assert.equal(stored.count_audience, 1);

    // The edition's screen shows its totals; its previews (two frames) carry no pixel and count nothing.
    await page.goto(server.url(editionPath));
    await page.locator('.edition-audience').getByText('Audience : 0 ouverture · 0 clic').waitFor();
    const preview = await page.request.get(server.url(`${editionPath}/apercu.html`));
    assert.doesNotMatch(await preview.text(), /\/newsletters\/ouverture\//);
    assert.equal(await opensOf(), 0);
    // A reader's mail client loads the pixel: one more open, in the edition's total only.
    assert.equal((await page.request.get(server.url(pixel))).status(), 200);
    await page.reload();
    await page.locator('.edition-audience').getByText('Audience : 1 ouverture · 0 clic').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the editor sets the sending cap every sending process keeps to', async () => {
    const { server } = e2e;
    const { page, context } = await openSignedInPage(e2e.browser, 'mobile', editor, server.origin);
    const errors = collectPageErrors(page);
    await page.goto(server.url('/admin/newsletters'));
    await page.getByRole('link', { name: 'Réglages d’envoi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Réglages d’envoi' }).waitFor();
    screens.push({ name: 'reglages-envoi', url: new URL(page.url()).pathname, who: 'editor' });
    await page.getByText(/^Aucune limite/).waitFor();
    // A wrong value: a French error on the field, nothing stored.
    await page.getByLabel('Messages par seconde au plus').fill('-3');
    await page.getByRole('button', { name: 'Enregistrer la limite' }).click();
    await page.getByText('Saisissez un nombre entier.').first().waitFor();
    assert.deepEqual(await readSendingLimits(server.database.db), { perSecond: 0, perHour: 0 });
    await page.getByLabel('Messages par seconde au plus').fill('14');
    await page.getByLabel('Messages par heure au plus').fill('0');
    await page.getByRole('button', { name: 'Enregistrer la limite' }).click();
    await page.getByText('La limite d’envoi est enregistrée.').waitFor();
    await page.getByText('14 message(s) par seconde au plus', { exact: false }).waitFor();
    assert.deepEqual(await readSendingLimits(server.database.db), { perSecond: 14, perHour: 0 });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the editor imports subscribers from a CSV (a dry run first), finds them, sees their soft bounces, erases one', async () => {
    const { server } = e2e;
    const db = server.database.db;
    const { page, context } = await openSignedInPage(e2e.browser, 'desktop', editor, server.origin);
    const errors = collectPageErrors(page);
    await page.goto(server.url('/admin/newsletters/abonnes'));
    const csv = [
      'Email Address,First Name,CONFIRM_TIME,Status',
      'noemie.roux@exemple.fr,Noémie,2025-03-14 08:30:00,subscribed',
      'yann.le-goff@exemple.fr,Yann,2025-05-02 19:05:00,subscribed',
      'pas-une-adresse,Zoé,2025-05-02 19:05:00,subscribed',
    ].join('\n');
    const file = { name: 'mailchimp.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
    const imported = () =>
      db.selectFrom('readers').select('id').where('email', 'in', ['noemie.roux@exemple.fr', 'yann.le-goff@exemple.fr']).execute();
    await page.locator('#import-nl').selectOption({ label: 'Les Pépites' });
    await page.locator('#import-fichier').setInputFiles(file);
    await page.getByRole('button', { name: 'Essai à blanc' }).click();
    await page.getByRole('heading', { name: 'Essai à blanc : rien n’a été enregistré' }).waitFor();
    await page.getByText('2 abonnés seraient ajoutés', { exact: false }).waitFor();
    assert.deepEqual(await imported(), []);
    await page.locator('#import-nl').selectOption({ label: 'Les Pépites' });
    await page.locator('#import-fichier').setInputFiles(file);
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('heading', { name: 'Import terminé' }).waitFor();
    await page.getByText('2 abonnés ajoutés', { exact: false }).waitFor();
    const [yann] = await db.selectFrom('readers').select('id').where('email', '=', 'yann.le-goff@exemple.fr').execute();
    await db.updateTable('newsletter_subscriptions').set({ soft_bounces: 3 }).where('reader_id', '=', yann.id).execute();

    // Found by a part of the address, filtered by newsletter and state; the soft bounces are shown.
    await page.locator('#abonnes-q').fill('le-goff');
    await page.locator('#abonnes-nl').selectOption({ label: 'Les Pépites' });
    await page.locator('#abonnes-etat').selectOption({ label: 'Abonné' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    const row = page.getByRole('row', { name: /yann\.le-goff@exemple\.fr/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    assert.deepEqual([cells[0], ...cells.slice(2, 5)], ['yann.le-goff@exemple.fr', 'Les Pépites', 'Abonné', '3']);
    assert.equal(await page.getByRole('row', { name: /noemie\.roux/ }).count(), 0);
    await row.getByRole('button', { name: 'Effacer yann.le-goff@exemple.fr' }).click();
    await page.getByText('L’abonné est effacé', { exact: false }).waitFor();
    assert.deepEqual(await db.selectFrom('readers').select('id').where('id', '=', yann.id).execute(), []);
    assert.deepEqual(errors, []);
    await context.close();
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
      test(`axe finds nothing on the ${label} screens at ${VIEWPORTS[viewport].width} px`, async () => {
        const problems: string[] = [];
        for (const screen of list())
          problems.push(...(await screenProblems(e2e, screen, viewport, screen.who === 'editor' ? editor : undefined)));
        assert.deepEqual(problems, []);
      });
    }
  }
});
