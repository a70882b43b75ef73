import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseEmbedUrl } from '../admin/islands/editor/embed-url.ts';
import { publishArticle } from '../articles/operations/index.ts';
import { parseBody } from '../articles/body/body-schema.ts';
import { renderBody } from '../articles/body/render-body.ts';
import { AppError } from '../core/http/app-error.ts';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createImage, createPerson, createSection, createSettings } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signInAs, type SignedIn } from '../../test/support/sign-in.ts';
import { form } from '../curation/curation-test-support.ts';

// Video articles: the captions rule before publishing a hosted video, the poster's credit, the
// page (captions track, facade), VideoObject, the captions file and the video sitemap.

const CAPTIONS = 'WEBVTT\n\n00:00.000 --> 00:01.500\nUne batterie de réseau.\n\n00:01.500 --> 00:03.000\nElle réagit en un instant.\n';

it('reads Dailymotion addresses and renders them behind the facade', () => {
  assert.deepEqual(parseEmbedUrl('https://www.dailymotion.com/video/x8j2k4q'), { provider: 'dailymotion', id: 'x8j2k4q' });
  assert.deepEqual(parseEmbedUrl('https://dai.ly/x8j2k4q'), { provider: 'dailymotion', id: 'x8j2k4q' });
  assert.deepEqual(parseEmbedUrl('https://geo.dailymotion.com/player.html?video=x8j2k4q'), { provider: 'dailymotion', id: 'x8j2k4q' });
  assert.equal(parseEmbedUrl('https://www.dailymotion.com/video/<script>'), null);
  const doc = parseBody({
    type: 'doc',
    content: [{ type: 'embed', attrs: { provider: 'dailymotion', id: 'x8j2k4q', title: 'Le budget' } }],
  });
  const out = renderBody(doc, { renderImage: () => '' });
  assert.match(
    out,
    /data-embed-provider="dailymotion" data-embed-id="x8j2k4q"><a class="embed__facade" href="https:\/\/www.dailymotion.com\/video\/x8j2k4q">/,
  );
  assert.match(out, /rien n’est chargé depuis Dailymotion avant votre clic/);
  assert.throws(
    () => parseBody({ type: 'doc', content: [{ type: 'embed', attrs: { provider: 'dailymotion', id: 'javascript:1', title: 'x' } }] }),
    /Dailymotion : identifiant de vidéo invalide/,
  );
});

forEachDatabase('videos: captions rule, poster credit, page, sitemap', (engine) => {
  let t: TestApp;
  let editor: SignedIn;
  let section: { id: number; slug: string };
  let author: { id: number };
  let hero: { id: number };
  let videoFileId: number;

  before(async () => {
    t = await createTestApp({ dialect: engine.label, env: { PUBLIC_URL: 'https://exemple.fr' } });
    await createSettings(t.database.db);
    editor = await signInAs(t.app, 'editeur');
    section = await createSection(t.database.db, { slug: 'videos', name: 'Vidéos' });
    author = await createPerson(t.database.db);
    hero = await createImage(t.database.db, { credit: 'Le Sextant', alt: 'Des batteries' });
    const file = await t.database.db
      .insertInto('media_files')
      .values({
        kind: 'video',
        file_key: 'f00dfeed.webm',
        mime: 'video/webm',
        bytes: 30414,
        duration_seconds: 3,
        title: 'Batteries',
        credit: 'Le Sextant',
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    videoFileId = file.id;
  });
  after(() => t?.close());

  const post = (url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: editor.csrfToken, ...fields }),
    });
  const empty = { videoFileId: '', embedUrl: '', channel: '', posterImageId: '', extractPoster: 'non', captions: '' };
  const draft = (headline: string) =>
    createArticle(t.database.db, {
      section,
      format: 'video',
      status: 'draft',
      published_at: null,
      headline,
      hero_image_id: hero.id,
      authors: [author],
    });

  it('refuses to publish a hosted video without captions, in French; publishes it once they are there', async () => {
    const article = await draft('Comment fonctionne une batterie géante ?');
    const poster = await createImage(t.database.db, { credit: 'Capture d’écran / Le Sextant' });
    assert.equal(
      (await post(`/admin/articles/${article.id}/video`, { ...empty, videoFileId: String(videoFileId), posterImageId: String(poster.id) }))
        .statusCode,
      303,
    );
    const refusal = await publishArticle(t.app.kiosque, editor.actor, article.id).then(
      () => assert.fail('published without captions'),
      (error: unknown) => error,
    );
    assert.ok(refusal instanceof AppError);
    assert.equal(refusal.status, 422);
    assert.match(
      refusal.message,
      /Pour publier, il manque.*les sous-titres de la vidéo \(fichier WebVTT, obligatoires pour une vidéo hébergée sur le site\)/,
    );

    const broken = await post(`/admin/articles/${article.id}/video`, {
      ...empty,
      videoFileId: String(videoFileId),
      captions: 'WEBVTT\n\n00:00.000 --> 00:09.000\nTrop long\n',
    });
    assert.equal(broken.statusCode, 422);
    assert.match(broken.body, /sous-titre 1 : finit à 0:09, après la fin de l’enregistrement \(0:03\)/);
    const both = await post(`/admin/articles/${article.id}/video`, {
      ...empty,
      videoFileId: String(videoFileId),
      embedUrl: 'https://youtu.be/Sx7tBq2LmPw',
    });
    assert.match(both.body, /Une vidéo hébergée ou une vidéo intégrée, pas les deux/);
    const hugeId = await post(`/admin/articles/${article.id}/video`, { ...empty, videoFileId: '9999999999' });
    assert.equal(hugeId.statusCode, 422);

    assert.equal(
      (
        await post(`/admin/articles/${article.id}/video`, {
          ...empty,
          videoFileId: String(videoFileId),
          posterImageId: String(poster.id),
          captions: CAPTIONS,
        })
      ).statusCode,
      303,
    );
    await publishArticle(t.app.kiosque, editor.actor, article.id);
    const page = await t.app.inject({ method: 'GET', url: `/videos/${article.slug}` });
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      /<video class="video-player__video" controls preload="metadata" playsinline poster="\/media\/\d+-[0-9a-f]{8}-16x9-\d+\.jpg"[^>]*src="\/media\/fichiers\/f00dfeed\.webm"><track kind="captions" src="\/video\/\d+\/sous-titres\.vtt" srclang="fr" label="Français" default>/,
    );
    assert.match(page.body, /Affiche\s: Capture d’écran \/ Le Sextant/);
    assert.match(page.body, /Elle réagit en un instant\./);
    const ld = [...page.body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
    const video = ld.find((d) => d['@type'] === 'VideoObject');
    assert.equal(video.name, 'Comment fonctionne une batterie géante ?');
    assert.match(video.thumbnailUrl[0], /^https:\/\/exemple\.fr\/media\/\d+-/);
    assert.match(video.uploadDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/);
    assert.equal(video.duration, 'PT3S');
    assert.equal(video.contentUrl, 'https://exemple.fr/media/fichiers/f00dfeed.webm');
    const captions = await t.app.inject({ method: 'GET', url: `/video/${article.id}/sous-titres.vtt` });
    assert.equal(captions.statusCode, 200);
    assert.match(String(captions.headers['content-type']), /^text\/vtt/);
    assert.match(captions.body, /^WEBVTT\n\n00:00:00\.000 --> 00:00:01\.500\nUne batterie de réseau\./);
  });

  it('an embed needs its channel and a poster credited as a screenshot; the facade and embedUrl follow', async () => {
    const article = await draft('Le budget en trois minutes');
    const plain = await createImage(t.database.db, { credit: 'Studio' });
    const noChannel = await post(`/admin/articles/${article.id}/video`, {
      ...empty,
      embedUrl: 'https://www.dailymotion.com/video/x8j2k4q',
    });
    assert.match(noChannel.body, /Indiquez la chaîne Dailymotion/);
    const badCredit = await post(`/admin/articles/${article.id}/video`, {
      ...empty,
      embedUrl: 'https://www.dailymotion.com/video/x8j2k4q',
      channel: 'Le Sextant',
      posterImageId: String(plain.id),
    });
    assert.equal(badCredit.statusCode, 422);
    assert.match(badCredit.body, /créditée « Capture d’écran Dailymotion \/ Le Sextant »/);
    const screenshot = await createImage(t.database.db, { credit: 'Capture d’écran Dailymotion / Le Sextant' });
    assert.equal(
      (
        await post(`/admin/articles/${article.id}/video`, {
          ...empty,
          embedUrl: 'https://dai.ly/x8j2k4q',
          channel: 'Le Sextant',
          posterImageId: String(screenshot.id),
        })
      ).statusCode,
      303,
    );
    await publishArticle(t.app.kiosque, editor.actor, article.id);
    const page = await t.app.inject({ method: 'GET', url: `/videos/${article.slug}` });
    assert.match(page.body, /data-embed-provider="dailymotion" data-embed-id="x8j2k4q"/);
    assert.doesNotMatch(page.body, /<iframe/);
    const ld = [...page.body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
    assert.equal(ld.find((d) => d['@type'] === 'VideoObject').embedUrl, 'https://geo.dailymotion.com/player.html?video=x8j2k4q');
    assert.match(String(page.headers['content-security-policy']), /frame-src [^;]*https:\/\/geo\.dailymotion\.com/);
  });

  it('lists both videos in the video sitemap, announced by the index', async () => {
    const index = await t.app.inject({ method: 'GET', url: '/sitemap.xml' });
    assert.ok(index.body.includes('<loc>https://exemple.fr/sitemaps/videos.xml</loc>'));
    const res = await t.app.inject({ method: 'GET', url: '/sitemaps/videos.xml' });
    assert.equal(res.statusCode, 200);
    assert.equal(XMLValidator.validate(res.body), true);
    const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === 'url' }).parse(res.body);
    assert.equal(doc.urlset['@_xmlns:video'], 'http://www.google.com/schemas/sitemap-video/1.1');
    const urls = doc.urlset.url;
    assert.equal(urls.length, 2);
    const byPlayer = urls.find((u: { 'video:video': Record<string, string> }) => u['video:video']['video:player_loc']);
    const hosted = urls.find((u: { 'video:video': Record<string, string> }) => u['video:video']['video:content_loc']);
    assert.equal(byPlayer['video:video']['video:player_loc'], 'https://geo.dailymotion.com/player.html?video=x8j2k4q');
    assert.equal(hosted['video:video']['video:content_loc'], 'https://exemple.fr/media/fichiers/f00dfeed.webm');
    assert.equal(hosted['video:video']['video:duration'], '3');
    for (const u of urls) {
      const v = u['video:video'];
      assert.match(v['video:thumbnail_loc'], /^https:\/\/exemple\.fr\/media\//);
      assert.ok(v['video:title'] && v['video:description'] && v['video:publication_date']);
    }
  });
});
