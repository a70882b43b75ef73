import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { checkAccessibility } from '../../test/support/axe.ts';
import { launchBrowser, openPage, openSignedInPage, type ViewportName, visit } from '../../test/support/browser.ts';
import { createArticle, createPerson, createSection, createSettings } from '../../test/support/content-factories.ts';
import { startTestServer, type TestServer } from '../../test/support/server.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { makeJpeg } from '../images/test-fixtures.ts';
import { uploadImage } from '../media/media-operations.ts';
import { makeWav, multipartBody } from '../media/test-media-fixtures.ts';

// An editor creates a show and an episode (chapters, transcript) in the back office; a reader
// plays it with the keyboard alone; every screen passes axe at 375 and 1280 px.

let server: TestServer;
let browser: Browser;
let editor: SignedIn;
let audioId: number;
let coverId: number;
let episode: { id: number; path: string };

before(async () => {
  server = await startTestServer({ pageCache: false });
  browser = await launchBrowser();
  const db = server.database.db;
  await createSettings(db);
  editor = await signInAs(server.app, 'editeur');
  const section = await createSection(db, { slug: 'podcasts', name: 'Podcasts' });
  const host = await createPerson(db, { name: 'Hugo Marchetti' });
  const cover = await uploadImage(server.app.kiosque, editor.actor, await makeJpeg(1400, 1400), {
    credit: 'Le Sextant',
    alt: 'Un micro de studio',
    caption: '',
    focalX: 0.5,
    focalY: 0.5,
  });
  coverId = cover.image.id;
  // A real 20-second sound (WAV, which Chromium plays), uploaded like any other.
  const body = await multipartBody(
    { title: 'Épisode de démonstration', credit: 'Le Sextant' },
    { name: 'episode.wav', type: 'audio/wav', bytes: makeWav(20) },
  );
  const upload = await server.app.inject({
    method: 'POST',
    url: `/admin/medias/fichiers?_csrf=${encodeURIComponent(editor.csrfToken)}`,
    payload: body.payload,
    headers: { ...body.headers, cookie: editor.cookie, accept: 'application/json' },
  });
  assert.equal(upload.statusCode, 201, upload.body);
  audioId = upload.json().item.id;
  const article = await createArticle(db, {
    section,
    format: 'podcast',
    headline: 'Les automnes trop chauds, en vingt secondes',
    slug: 'automnes-en-vingt-secondes',
    lead: 'Un épisode très court pour essayer le lecteur.',
    authors: [host],
  });
  episode = { id: article.id, path: '/podcasts/automnes-en-vingt-secondes' };
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(viewport: ViewportName): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await openSignedInPage(browser, viewport, editor, server.origin);
  return { page, close: () => context.close() };
}

async function assertAxeClean(page: Page, what: string): Promise<void> {
  const report = await checkAccessibility(page);
  assert.equal(report.violations.length, 0, `${what}\n${report.text}`);
}

test('an editor creates a show, then an episode with chapters and a transcript', async () => {
  const { page, close } = await signedIn('desktop');
  try {
    await visit(page, server.url('/admin/podcasts/nouveau'));
    await page.getByLabel('Titre', { exact: true }).fill('À bonne distance');
    await page.getByLabel('Description').fill('Chaque semaine, un entretien pour prendre du recul sur l’actualité.');
    await page.getByLabel('Illustration (numéro dans la médiathèque)').fill(String(coverId));
    await page.getByLabel('Catégorie Apple Podcasts').selectOption('News/Daily News');
    await page.getByLabel('Auteur (affiché par les applications)').fill('Le Sextant');
    await page.getByLabel('Propriétaire : nom').fill('Rédaction du Sextant');
    await page.getByLabel('Propriétaire : e-mail').fill('podcasts@exemple.fr');
    await page.getByLabel('Page Apple Podcasts').fill('https://podcasts.apple.com/fr/podcast/id1');
    await Promise.all([
      page.waitForURL(/\/admin\/podcasts\/\d+\?ok=cree$/),
      page.getByRole('button', { name: 'Créer le podcast' }).click(),
    ]);

    await visit(page, server.url(`/admin/articles/${episode.id}/episode`));
    await page.getByLabel('Podcast', { exact: true }).selectOption({ label: 'À bonne distance' });
    await page.getByLabel('Son de l’épisode').selectOption(String(audioId));
    await page.getByLabel('Numéro de l’épisode').fill('1');
    // Out of order first: the form says which line, keeps the text.
    await page.getByLabel('Chapitres').fill('0:00 Introduction\n0:12 La pluie\n0:05 Retour');
    await page.getByRole('button', { name: 'Enregistrer l’épisode' }).click();
    await page.locator('#champ-chapters-erreur').waitFor();
    assert.match(
      (await page.locator('#champ-chapters-erreur').textContent()) ?? '',
      /ligne 3 : les chapitres doivent se suivre dans l’ordre/,
    );
    await assertAxeClean(page, 'épisode refusé');
    await page.getByLabel('Chapitres').fill('0:00 Introduction\n0:08 La pluie\n0:15 Conclusion');
    // The transcript is chosen as a file; the island puts its text in the field.
    await page.locator('#transcript-fichier').setInputFiles({
      name: 'transcription.srt',
      mimeType: 'application/x-subrip',
      buffer: Buffer.from(
        '1\n00:00:00,000 --> 00:00:04,000\nBonjour et bienvenue dans À bonne distance.\n\n2\n00:00:08,000 --> 00:00:12,000\nParlons de la pluie.\n',
      ),
    });
    await page.waitForFunction(() => (document.getElementById('champ-transcript') as HTMLTextAreaElement).value.includes('Parlons'));
    await Promise.all([page.waitForURL(/\/episode\?ok=enregistre$/), page.getByRole('button', { name: 'Enregistrer l’épisode' }).click()]);
  } finally {
    await close();
  }
});

test('a reader plays the episode with the keyboard alone; chapters seek; the position is resumed', async () => {
  const { context, page } = await openPage(browser, 'desktop');
  try {
    await visit(page, server.url(episode.path));
    const play = page.getByRole('button', { name: 'Lire' });
    await play.waitFor();
    assert.equal(await page.locator('audio').evaluate((a: HTMLAudioElement) => a.controls), false, 'our controls replace the native ones');
    assert.match((await page.locator('.podcast-transcript').textContent()) ?? '', /Parlons de la pluie\./);

    await play.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const audio = document.querySelector('audio');
      return audio !== null && !audio.paused && audio.currentTime > 0.3;
    });
    assert.equal(await page.getByRole('button', { name: 'Mettre en pause' }).count(), 1);

    // Tab to "+15 s": the position jumps.
    await page.keyboard.press('Tab'); // −15 s
    await page.keyboard.press('Tab'); // +15 s
    const before = await page.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime);
    await page.keyboard.press('Enter');
    const afterSkip = await page.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime);
    assert.ok(afterSkip >= before + 10, `${before} → ${afterSkip}`);

    // The slider: Home goes back to the start, and says where it is in words.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'range');
    await page.keyboard.press('Home');
    await page.waitForFunction(() => (document.querySelector('audio')?.currentTime ?? 99) < 2);
    assert.match((await page.locator('.podcast-controls__progress').getAttribute('aria-valuetext')) ?? '', /sur 20 secondes$/);

    // Speed, by keyboard.
    await page.getByLabel('Vitesse').focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('audio')?.playbackRate === 1.25);

    // A chapter, activated with Enter, seeks and marks itself current.
    await page
      .getByRole('link', { name: /La pluie/ })
      .first()
      .focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.querySelector('audio')?.currentTime ?? 0) >= 8);
    assert.equal(await page.locator('.podcast-chapters a[aria-current="true"]').textContent(), '0:08 La pluie');

    // Reading further down: the playing player stays on screen, docked at the bottom.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.locator('.podcast-player--docked').waitFor();
    const bar = await page.locator('.podcast-controls').boundingBox();
    assert.ok(bar && bar.y + bar.height <= 800 + 1 && bar.y > 400, JSON.stringify(bar));
    await page.evaluate(() => window.scrollTo(0, 0));

    // Pause by keyboard; the position is kept and offered again on the next visit.
    await page.getByRole('button', { name: 'Mettre en pause' }).focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('audio')?.paused === true);
    const stopped = await page.locator('audio').evaluate((a: HTMLAudioElement) => Math.floor(a.currentTime));
    await visit(page, server.url(episode.path));
    await page.locator('.podcast-player__resume').waitFor();
    assert.match((await page.locator('.podcast-player__resume').textContent()) ?? '', /^Reprise à 0:\d\d/);
    await page.waitForFunction((t) => Math.floor(document.querySelector('audio')?.currentTime ?? 0) === t, stopped);
  } finally {
    await context.close();
  }
});

test('without JavaScript the episode has the plain audio controls and chapter links to the file', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await visit(page, server.url(episode.path));
    assert.equal(await page.locator('audio[controls]').count(), 1);
    assert.match(
      (await page
        .getByRole('link', { name: /La pluie/ })
        .first()
        .getAttribute('href')) ?? '',
      /^\/media\/fichiers\/.+\.wav#t=8$/,
    );
  } finally {
    await context.close();
  }
});

async function axeAt(viewport: ViewportName, urls: string[]): Promise<void> {
  const { page, close } = await signedIn(viewport);
  try {
    for (const url of urls) {
      await visit(page, server.url(url));
      await assertAxeClean(page, `${url} à ${viewport}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${url} à ${viewport} déborde de ${overflow} px`);
    }
  } finally {
    await close();
  }
}

test('the episode and show pages have no axe violations at 375 and 1280 px', async () => {
  for (const viewport of ['mobile', 'desktop'] as const) await axeAt(viewport, [episode.path, '/podcast/a-bonne-distance']);
});

for (const viewport of ['mobile', 'desktop'] as const) {
  test(`the podcast screens of the back office have no axe violations at ${viewport === 'mobile' ? 375 : 1280} px`, async () => {
    const show = await server.database.db.selectFrom('podcast_shows').select('id').executeTakeFirstOrThrow();
    await axeAt(viewport, [
      '/admin/podcasts',
      `/admin/podcasts/${show.id}`,
      '/admin/podcasts/nouveau',
      `/admin/articles/${episode.id}/episode`,
    ]);
  });
}
