import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { publishArticle } from '../articles/operations/index.ts';
import { checkAccessibility } from '../../test/support/axe.ts';
import { launchBrowser, openPage, openSignedInPage, type ViewportName, visit } from '../../test/support/browser.ts';
import { createArticle, createImage, createPerson, createSection, createSettings } from '../../test/support/content-factories.ts';
import { startTestServer, type TestServer } from '../../test/support/server.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { multipartBody } from '../media/test-media-fixtures.ts';
import { FFMPEG_PATH, ffmpegAvailable } from './video-poster.ts';

// A hosted video: the editor attaches it, its poster is taken by ffmpeg and its captions chosen as
// a file; the reader's browser plays it with its captions track. Embeds: nothing leaves the site
// before the reader clicks.

const skip = ffmpegAvailable() ? false : `ffmpeg absent (${FFMPEG_PATH}) : le test vidéo a besoin d’une vraie vidéo à lire`;

let server: TestServer;
let browser: Browser;
let editor: SignedIn;
let videoFileId: number;
let hosted: { id: number; path: string };
let embeds: { path: string };

before(async () => {
  server = await startTestServer({ pageCache: false });
  browser = await launchBrowser();
  const db = server.database.db;
  await createSettings(db);
  editor = await signInAs(server.app, 'editeur');
  const section = await createSection(db, { slug: 'videos', name: 'Vidéos' });
  const author = await createPerson(db);
  const hero = await createImage(db, { credit: 'Le Sextant', alt: 'Des batteries au bord d’un champ' });
  const article = await createArticle(db, {
    section,
    format: 'video',
    status: 'draft',
    published_at: null,
    headline: 'Une batterie de réseau en trois secondes',
    slug: 'batterie-en-trois-secondes',
    hero_image_id: hero.id,
    authors: [author],
  });
  hosted = { id: article.id, path: '/videos/batterie-en-trois-secondes' };
  const body = JSON.stringify({
    type: 'doc',
    content: [
      { type: 'embed', attrs: { provider: 'youtube', id: 'Sx7tBq2LmPw', title: 'Une vidéo YouTube' } },
      { type: 'embed', attrs: { provider: 'vimeo', id: '912340567', title: 'Une vidéo Vimeo' } },
      { type: 'embed', attrs: { provider: 'dailymotion', id: 'x8j2k4q', title: 'Une vidéo Dailymotion' } },
    ],
  });
  await createArticle(db, {
    section,
    format: 'video',
    headline: 'Trois vidéos intégrées',
    slug: 'trois-videos-integrees',
    body,
    authors: [author],
  });
  embeds = { path: '/videos/trois-videos-integrees' };
  if (skip) return;
  // A real 3-second WebM (VP8), made here by ffmpeg, uploaded like any other.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-video-'));
  const file = path.join(dir, 'batterie.webm');
  execFileSync(FFMPEG_PATH, [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=duration=3:size=320x180:rate=10',
    '-c:v',
    'libvpx',
    '-b:v',
    '150k',
    '-pix_fmt',
    'yuv420p',
    file,
  ]);
  const upload = await multipartBody(
    { title: 'Batterie', credit: 'Le Sextant' },
    { name: 'batterie.webm', type: 'video/webm', bytes: fs.readFileSync(file) },
  );
  fs.rmSync(dir, { recursive: true, force: true });
  const res = await server.app.inject({
    method: 'POST',
    url: `/admin/medias/fichiers?_csrf=${encodeURIComponent(editor.csrfToken)}`,
    payload: upload.payload,
    headers: { ...upload.headers, cookie: editor.cookie, accept: 'application/json' },
  });
  assert.equal(res.statusCode, 201, res.body);
  videoFileId = res.json().item.id;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(viewport: ViewportName): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await openSignedInPage(browser, viewport, editor, server.origin);
  return { page, close: () => context.close() };
}

test('the editor attaches a hosted video: poster taken by ffmpeg, captions from a file', { skip }, async () => {
  const { page, close } = await signedIn('desktop');
  try {
    await visit(page, server.url(`/admin/articles/${hosted.id}/video`));
    await page.getByLabel('Vidéo hébergée sur le site').selectOption(String(videoFileId));
    await page.getByLabel('Oui, une image prise à 2 secondes').check();
    await page.locator('#captions-fichier').setInputFiles({
      name: 'batterie.vtt',
      mimeType: 'text/vtt',
      buffer: Buffer.from(
        'WEBVTT\n\n00:00.000 --> 00:01.500\nUne batterie de réseau.\n\n00:01.500 --> 00:03.000\nElle réagit en un instant.\n',
      ),
    });
    await page.waitForFunction(() => (document.getElementById('champ-captions') as HTMLTextAreaElement).value.includes('instant'));
    await Promise.all([page.waitForURL(/\/video\?ok=enregistre$/), page.getByRole('button', { name: 'Enregistrer la vidéo' }).click()]);
    const row = await server.database.db
      .selectFrom('article_videos')
      .selectAll()
      .where('article_id', '=', hosted.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.poster_image_id);
    const poster = await server.database.db
      .selectFrom('images')
      .selectAll()
      .where('id', '=', row.poster_image_id)
      .executeTakeFirstOrThrow();
    assert.equal(poster.credit, 'Capture d’écran / Le Sextant');
    assert.deepEqual([poster.width, poster.height], [320, 180]);
    await publishArticle(server.app.kiosque, editor.actor, hosted.id);
  } finally {
    await close();
  }
});

test('a reader’s browser plays the hosted video with its captions track', { skip }, async () => {
  const { context, page } = await openPage(browser, 'desktop');
  try {
    await visit(page, server.url(hosted.path));
    const state = await page.locator('video').evaluate(async (video: HTMLVideoElement) => {
      const track = video.textTracks[0];
      video.muted = true;
      await video.play();
      await new Promise((resolve) => setTimeout(resolve, 1200));
      return {
        kind: track?.kind,
        language: track?.language,
        mode: track?.mode,
        cues: track?.cues?.length ?? 0,
        active: [...(track?.activeCues ?? [])].map((cue) => (cue as VTTCue).text),
        time: video.currentTime,
        error: video.error?.code ?? null,
      };
    });
    assert.equal(state.error, null);
    assert.ok(state.time > 0.3, `lecture : ${state.time}`);
    assert.equal(state.kind, 'captions');
    assert.equal(state.language, 'fr');
    assert.equal(state.mode, 'showing');
    assert.equal(state.cues, 2);
    assert.ok(state.active.length === 1, JSON.stringify(state.active));
  } finally {
    await context.close();
  }
});

test('no request leaves the site before the reader clicks an embed; the click loads that player only', async () => {
  const { context, page } = await openPage(browser, 'desktop');
  try {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await visit(page, server.url(embeds.path));
    await page.waitForLoadState('networkidle');
    const outside = requests.filter((url) => !url.startsWith(server.origin) && !url.startsWith('data:'));
    assert.deepEqual(outside, [], 'requêtes vers des tiers avant le clic');
    assert.equal(await page.locator('iframe').count(), 0);
    // Blocked here (offline machine), but the request is what matters: it is made only now.
    await context.route(/^https:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await page.getByRole('link', { name: /Une vidéo Dailymotion/ }).click();
    const frame = page.locator('iframe.embed__frame');
    await frame.waitFor({ state: 'attached' });
    assert.equal(await frame.getAttribute('src'), 'https://geo.dailymotion.com/player.html?video=x8j2k4q');
    const after = requests.filter((url) => !url.startsWith(server.origin) && !url.startsWith('data:'));
    assert.ok(after.length > 0 && after.every((url) => url.startsWith('https://geo.dailymotion.com/')), after.join('\n'));
  } finally {
    await context.close();
  }
});

for (const viewport of ['mobile', 'desktop'] as const) {
  test(`the video pages and the video screen have no axe violations at ${viewport === 'mobile' ? 375 : 1280} px`, { skip }, async () => {
    const { page, close } = await signedIn(viewport);
    try {
      for (const url of [hosted.path, embeds.path, `/admin/articles/${hosted.id}/video`]) {
        await visit(page, server.url(url));
        const report = await checkAccessibility(page);
        assert.equal(report.violations.length, 0, `${url} à ${viewport}\n${report.text}`);
      }
    } finally {
      await close();
    }
  });
}
