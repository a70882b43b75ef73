import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createSection } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signInAs, type SignedIn } from '../../test/support/sign-in.ts';
import { jobRunnerOf } from '../core/jobs/job-runner.ts';
import { makeJpeg } from '../images/test-fixtures.ts';
import { runImageVariantsJob } from './image-variants-job.ts';
import { makeMp3, makeWav, mp4Header, multipartBody, webmHeader } from './test-media-fixtures.ts';

// Small limits, so the 413 test sends kilobytes.
const AUDIO_LIMIT = 300_000;

forEachDatabase('sounds and videos', (engine) => {
  let t: TestApp;
  let editor: SignedIn;

  before(async () => {
    t = await createTestApp({
      dialect: engine.label,
      env: { MEDIA_MAX_AUDIO_BYTES: String(AUDIO_LIMIT), MEDIA_MAX_VIDEO_BYTES: String(2 * AUDIO_LIMIT) },
    });
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t.close());

  async function upload(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }, json = true) {
    const body = await multipartBody(fields, file);
    return t.app.inject({
      method: 'POST',
      url: `/admin/medias/fichiers?_csrf=${encodeURIComponent(editor.csrfToken)}`,
      payload: body.payload,
      headers: { ...body.headers, cookie: editor.cookie, ...(json ? { accept: 'application/json' } : {}) },
    });
  }

  const fileCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('media_files')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('a WAV is stored under its hash with its duration, and served with ranges, HEAD and 416', async () => {
    const wav = makeWav(1.5);
    const response = await upload(
      { title: 'Épisode 12 : la dette', credit: 'Studio Kiosque' },
      { name: 'episode.wav', type: 'audio/wav', bytes: wav },
    );
    assert.equal(response.statusCode, 201, response.body);
    const { item } = response.json();
    assert.equal(item.kind, 'audio');
    assert.equal(item.mime, 'audio/wav');
    assert.equal(item.bytes, wav.length);
    assert.equal(item.durationSeconds, 1.5);
    assert.match(item.url, /^\/media\/fichiers\/[0-9a-f]{64}\.wav$/);
    const onDisk = path.join(t.config.dataDir, 'media', 'files', item.url.split('/').pop());
    assert.deepEqual(fs.readFileSync(onDisk), wav);

    const whole = await t.app.inject({ method: 'GET', url: item.url });
    assert.equal(whole.statusCode, 200);
    assert.equal(whole.headers['accept-ranges'], 'bytes');
    assert.equal(whole.headers['content-type'], 'audio/wav');
    assert.equal(Number(whole.headers['content-length']), wav.length);
    assert.deepEqual(whole.rawPayload, wav);

    const part = await t.app.inject({ method: 'GET', url: item.url, headers: { range: 'bytes=100-199' } });
    assert.equal(part.statusCode, 206);
    assert.equal(part.headers['content-range'], `bytes 100-199/${wav.length}`);
    assert.equal(Number(part.headers['content-length']), 100);
    assert.deepEqual(part.rawPayload, wav.subarray(100, 200));

    const tail = await t.app.inject({ method: 'GET', url: item.url, headers: { range: 'bytes=-10' } });
    assert.equal(tail.statusCode, 206);
    assert.deepEqual(tail.rawPayload, wav.subarray(wav.length - 10));

    const head = await t.app.inject({ method: 'HEAD', url: item.url });
    assert.equal(head.statusCode, 200);
    assert.equal(Number(head.headers['content-length']), wav.length);
    assert.equal(head.headers['accept-ranges'], 'bytes');
    assert.equal(head.rawPayload.length, 0);

    const past = await t.app.inject({ method: 'GET', url: item.url, headers: { range: `bytes=${wav.length}-` } });
    assert.equal(past.statusCode, 416);
    assert.equal(past.headers['content-range'], `bytes */${wav.length}`);

    const cached = await t.app.inject({ method: 'GET', url: item.url, headers: { 'if-none-match': whole.headers.etag as string } });
    assert.equal(cached.statusCode, 304);
    const stale = await t.app.inject({ method: 'GET', url: item.url, headers: { range: 'bytes=0-9', 'if-range': '"autre"' } });
    assert.equal(stale.statusCode, 200, 'If-Range with another ETag gets the whole file');

    assert.equal((await t.app.inject({ method: 'GET', url: '/media/fichiers/../../kiosque.sqlite' })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: `/media/fichiers/${'0'.repeat(64)}.mp3` })).statusCode, 404);
  });

  test('an MP3 gets its duration from its frames; MP4 and WebM are videos', async () => {
    const mp3 = await upload(
      { title: 'Chronique', credit: 'Rédaction' },
      { name: 'chronique.mp3', type: 'audio/mpeg', bytes: makeMp3(100, { id3: true }) },
    );
    assert.equal(mp3.statusCode, 201);
    assert.equal(mp3.json().item.mime, 'audio/mpeg');
    assert.ok(Math.abs(mp3.json().item.durationSeconds - 2.612) < 0.01, String(mp3.json().item.durationSeconds));

    const mp4 = await upload({ title: 'Reportage', credit: 'Rédaction' }, { name: 'reportage.mp4', type: 'video/mp4', bytes: mp4Header() });
    assert.equal(mp4.statusCode, 201);
    assert.equal(mp4.json().item.kind, 'video');
    assert.equal(mp4.json().item.durationSeconds, null, 'no duration in a header-only file: stored as unknown');
    const webm = await upload(
      { title: 'Entretien', credit: 'Rédaction' },
      { name: 'entretien.webm', type: 'video/webm', bytes: webmHeader() },
      false,
    );
    assert.equal(webm.statusCode, 303);
    assert.match(webm.headers.location as string, /^\/admin\/medias\/fichiers\/\d+\?ok=ajoute$/);

    const videos = await t.app.inject({ method: 'GET', url: '/admin/medias?type=video', headers: { cookie: editor.cookie } });
    assert.match(videos.body, />Reportage</);
    assert.match(videos.body, />Entretien</);
    assert.doesNotMatch(videos.body, />Chronique</);
    const sounds = await t.app.inject({ method: 'GET', url: '/admin/medias?type=audio&q=chron', headers: { cookie: editor.cookie } });
    assert.match(sounds.body, />Chronique</);
    assert.match(sounds.body, /<td>3\u00a0s<\/td>/, '2.6 s shown rounded');
  });

  test('a file that is not a sound or a video is refused (415), whatever its name', async () => {
    const before = await fileCount();
    const fake = await upload(
      { title: 'Faux', credit: 'X' },
      { name: 'faux.mp3', type: 'audio/mpeg', bytes: Buffer.from('<?php system($_GET["c"]); ?>') },
    );
    assert.equal(fake.statusCode, 415);
    assert.match(fake.json().error.message, /Format non pris en charge/);
    const image = await upload(
      { title: 'Image', credit: 'X' },
      { name: 'photo.mp4', type: 'video/mp4', bytes: await makeJpeg(50, 50) },
      false,
    );
    assert.equal(image.statusCode, 415);
    assert.match(image.body, /Format non pris en charge/);
    assert.match(image.body, /name="title" value="Image"/);
    assert.equal(await fileCount(), before);
  });

  test('a sound over its limit is refused (413); title and credit are required (422)', async () => {
    const before = await fileCount();
    const long = await upload({ title: 'Trop long', credit: 'X' }, { name: 'long.wav', type: 'audio/wav', bytes: makeWav(30) });
    assert.equal(long.statusCode, 413);
    assert.match(long.json().error.message, /Le fichier son dépasse la taille maximale de 293\u00a0Ko/);

    const untitled = await upload({ title: '', credit: '' }, { name: 'a.wav', type: 'audio/wav', bytes: makeWav(0.2) }, false);
    assert.equal(untitled.statusCode, 422);
    assert.match(untitled.body, /id="fichier-title-erreur">Le titre est obligatoire/);
    assert.match(untitled.body, /id="fichier-credit-erreur">Le crédit est obligatoire/);
    assert.equal(await fileCount(), before);
    const tmp = path.join(t.config.dataDir, 'media', 'tmp');
    assert.deepEqual(fs.readdirSync(tmp), [], 'no temporary file left behind');
  });

  test('a sound embedded in an article cannot be deleted; once free it can', async () => {
    const created = await upload({ title: 'Podcast', credit: 'Studio' }, { name: 'p.wav', type: 'audio/wav', bytes: makeWav(0.3) });
    const { id, url } = created.json().item as { id: number; url: string };
    const body = JSON.stringify({ type: 'doc', content: [{ type: 'embed', attrs: { provider: 'audio', src: url, title: 'Écouter' } }] });
    const article = await createArticle(t.database.db, {
      section: await createSection(t.database.db),
      headline: 'Le podcast de la semaine',
      body,
    });

    const refused = await t.app.inject({
      method: 'POST',
      url: `/admin/medias/fichiers/${id}/supprimer`,
      headers: { cookie: editor.cookie },
      payload: { _csrf: editor.csrfToken },
    });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, new RegExp(`<a href="/admin/articles/${article.id}">Le podcast de la semaine</a>`));

    await t.database.db
      .updateTable('articles')
      .set({ body: JSON.stringify({ type: 'doc', content: [] }) })
      .where('id', '=', article.id)
      .execute();
    const deleted = await t.app.inject({
      method: 'POST',
      url: `/admin/medias/fichiers/${id}/supprimer`,
      headers: { cookie: editor.cookie },
      payload: { _csrf: editor.csrfToken },
    });
    assert.equal(deleted.statusCode, 303);
    assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 404);
    assert.ok(
      await t.database.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'media.delete')
        .where('subject_type', '=', 'media_file')
        .executeTakeFirst(),
    );
  });

  test('the variants job encodes the widths pages ask for', async () => {
    const body = await multipartBody({ credit: 'Job' }, { name: 'j.jpg', type: 'image/jpeg', bytes: await makeJpeg(700, 400) });
    const ok = await t.app.inject({
      method: 'POST',
      url: `/admin/medias?_csrf=${encodeURIComponent(editor.csrfToken)}`,
      payload: body.payload,
      headers: { ...body.headers, cookie: editor.cookie, accept: 'application/json' },
    });
    const id = ok.json().item.id as number;
    const runner = jobRunnerOf(t.app.kiosque);
    if (runner) {
      await runner.runDue();
      const job = await t.database.db
        .selectFrom('jobs')
        .selectAll()
        .where('unique_key', '=', `variants:image:${id}`)
        .executeTakeFirstOrThrow();
      assert.equal(job.status, 'done', job.last_error ?? '');
    }
    // Run directly too: the handler is idempotent (files already there are kept).
    const { ready, complete } = await runImageVariantsJob(t.app.kiosque, { imageId: id });
    // 700 px wide: 320, 480, 640 and 700 (free) / 16:9 in three formats each.
    assert.ok(ready >= 18 && complete, String(ready));
    assert.deepEqual(
      await runImageVariantsJob(t.app.kiosque, { imageId: 999_999 }),
      { ready: 0, complete: true },
      'a deleted image is skipped',
    );
  });
});
