import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createApiToken, grantableScopes } from '../api/tokens/token-operations.ts';
import { startJobRunner, stopJobRunner } from '../core/jobs/job-runner.ts';
import { getImageById } from '../images/image-repository.ts';
import { originalPath } from '../images/image-store.ts';
import { makeJpeg } from '../images/test-fixtures.ts';
import { variantOnDisk } from '../images/variants.ts';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signInAs, type SignedIn } from '../../test/support/sign-in.ts';
import { imageVariantsPending, runImageVariantsJob } from './image-variants-job.ts';
import { multipartBody } from './test-media-fixtures.ts';

// What a heavy upload costs the others: a per-account hourly budget of uploads shared by both
// doors, and variants encoded by the job runner in bounded runs while the original stands in.

forEachDatabase('uploads under load', (engine) => {
  let t: TestApp;
  let editor: SignedIn;
  let colleague: SignedIn;
  let width = 300;

  before(async () => {
    t = await createTestApp({ dialect: engine.label, env: { UPLOADS_PER_HOUR: '3' } });
    // Jobs are run by hand below, so what a reader sees before and after is certain.
    await stopJobRunner(t.app.kiosque);
    editor = await signInAs(t.app, 'editeur');
    colleague = await signInAs(t.app, 'editeur');
  });
  after(() => t?.close());

  // Each call gives a new picture (another width), so none is the duplicate of another.
  const picture = async () => {
    width += 10;
    return { name: 'photo.jpg', type: 'image/jpeg', bytes: await makeJpeg(width, 200) };
  };

  async function uploadApi(secret: string, fields: Record<string, string>) {
    const body = await multipartBody(fields, await picture());
    return t.app.inject({
      method: 'POST',
      url: '/api/admin/media',
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${secret}` },
    });
  }

  async function uploadForm(who: SignedIn, accept = 'application/json') {
    const body = await multipartBody({ credit: 'AFP', alt: 'Essai', caption: '' }, await picture());
    return t.app.inject({
      method: 'POST',
      url: `/admin/medias?_csrf=${encodeURIComponent(who.csrfToken)}`,
      payload: body.payload,
      headers: { ...body.headers, cookie: who.cookie, accept },
    });
  }

  test('uploads are limited per account and per hour, the back office and the API sharing one budget', async () => {
    const images = async () => (await t.database.db.selectFrom('images').select('id').execute()).length;
    // The editor's token: the same account through the other door.
    const { secret } = await createApiToken(t.database.db, editor.actor, {
      name: 'Script',
      scopes: grantableScopes('editeur'),
      lifetimeDays: null,
    });
    assert.equal((await uploadForm(editor)).statusCode, 201);
    assert.equal((await uploadForm(editor)).statusCode, 201);
    const viaApi = await uploadApi(secret, { credit: 'AFP', alt: 'Par l’API' });
    assert.equal(viaApi.statusCode, 201, viaApi.body);

    // Three in the hour: the fourth is refused, by either door, before the file is read.
    const before = await images();
    const refused = await uploadForm(editor);
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error.code, 'rate_limited');
    assert.match(refused.json().error.message, /3 par heure.*réessayez dans \d+ min/);
    assert.ok(Number(refused.headers['retry-after']) > 3000);
    const page = await uploadForm(editor, 'text/html');
    assert.equal(page.statusCode, 429);
    assert.match(page.body, /Trop d’envois de médias/);
    const apiRefused = await uploadApi(secret, { credit: 'AFP', alt: 'De trop' });
    assert.equal(apiRefused.statusCode, 429);
    assert.equal(apiRefused.json().error.code, 'rate_limited');
    const body = await multipartBody({ credit: 'AFP', title: 'Un son' }, await picture());
    const sound = await t.app.inject({
      method: 'POST',
      url: `/admin/medias/fichiers?_csrf=${encodeURIComponent(editor.csrfToken)}`,
      payload: body.payload,
      headers: { ...body.headers, cookie: editor.cookie, accept: 'application/json' },
    });
    assert.equal(sound.statusCode, 429, 'sounds and videos count too');
    assert.equal(await images(), before, 'nothing stored');

    // Another account has its own budget.
    assert.equal((await uploadForm(colleague)).statusCode, 201);
  });

  test('the upload answers at once; the original stands in for variants until the job has encoded them', async () => {
    const uploaded = await uploadForm(colleague);
    assert.equal(uploaded.statusCode, 201);
    const { id, url } = uploaded.json().item as { id: number; url: string };
    const image = (await getImageById(t.database.db, id))!;
    assert.equal(await imageVariantsPending(t.database.db, id), true);

    // Nothing encoded yet: the reader gets the (metadata-free) original at once, not to be kept.
    const early = await t.app.inject({ url });
    assert.equal(early.statusCode, 200);
    assert.equal(early.headers['content-type'], 'image/jpeg');
    assert.equal(early.headers['cache-control'], 'no-store');
    assert.deepEqual(early.rawPayload, fs.readFileSync(originalPath(t.config.dataDir, image.file_key)));
    assert.equal(await variantOnDisk(t.config.dataDir, image, 320, 'webp'), undefined, 'the reader did not trigger an encode');

    // The runner encodes them (small picture: one run), and the variant replaces the original.
    const runner = startJobRunner(t.app.kiosque, { pollMs: 3_600_000 });
    await runner.runDue();
    await runner.stop();
    assert.equal(await imageVariantsPending(t.database.db, id), false);
    const late = await t.app.inject({ url });
    assert.equal(late.statusCode, 200);
    assert.equal(late.headers['content-type'], 'image/webp');
    assert.match(String(late.headers['cache-control']), /immutable/);
  });

  test('a big image is encoded in bounded runs: each queues the rest as the same job, due at once', async () => {
    const uploaded = await uploadForm(colleague);
    const { id } = uploaded.json().item as { id: number };
    let runs = 0;
    for (;;) {
      // A zero budget: one encode per run.
      const { ready, complete } = await runImageVariantsJob(t.app.kiosque, { imageId: id }, 0);
      runs++;
      if (complete) break;
      assert.ok(ready >= 1, 'every run makes progress');
      const job = await t.database.db
        .selectFrom('jobs')
        .selectAll()
        .where('unique_key', '=', `variants:image:${id}`)
        .executeTakeFirstOrThrow();
      assert.equal(job.status, 'pending');
      assert.ok(Date.parse(job.run_at) <= Date.now());
    }
    // Two crops, several widths, three formats: many runs, and every variant is there.
    assert.ok(runs > 6, String(runs));
    const image = (await getImageById(t.database.db, id))!;
    for (const format of ['webp', 'avif', 'jpeg'] as const)
      assert.ok(await variantOnDisk(t.config.dataDir, image, 320, format, '16x9'), format);
    const runner = startJobRunner(t.app.kiosque, { pollMs: 3_600_000 });
    await runner.runDue();
    await runner.stop();
    assert.equal(await imageVariantsPending(t.database.db, id), false);
  });
});
