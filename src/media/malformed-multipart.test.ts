import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type ApiClient, apiClientFor } from '../api/api-test-client.ts';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signInAs, type SignedIn } from '../../test/support/sign-in.ts';

// Multipart bodies a client can get wrong. Each answers 400 with the stable code `bad_request`
// (never a 500), leaves no file behind and stores nothing.
const LONG = 'x'.repeat(300);
const MALFORMED: Record<string, { contentType: string; payload: string }> = {
  'a 300-character boundary': {
    contentType: `multipart/form-data; boundary=${LONG}`,
    payload: `--${LONG}\r\nContent-Disposition: form-data; name="credit"\r\n\r\nAFP\r\n--${LONG}--\r\n`,
  },
  'no boundary at all': { contentType: 'multipart/form-data', payload: 'bonjour' },
  'an unterminated file part': {
    contentType: 'multipart/form-data; boundary=abc',
    payload: '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0',
  },
  'an unterminated text part': {
    contentType: 'multipart/form-data; boundary=abc',
    payload: '--abc\r\nContent-Disposition: form-data; name="credit"\r\n\r\nAFP',
  },
};

forEachDatabase('malformed multipart', (engine) => {
  let t: TestApp;
  let editor: SignedIn;
  let api: ApiClient;
  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    editor = await signInAs(t.app, 'editeur');
    api = await apiClientFor(t.app, 'editeur');
  });
  after(() => t?.close());

  const stored = async () => ({
    images: (await t.database.db.selectFrom('images').select('id').execute()).length,
    files: (await t.database.db.selectFrom('media_files').select('id').execute()).length,
    // Files only: the temporary upload folder itself may be created on the way.
    files_on_disk: fs.existsSync(path.join(t.config.dataDir, 'media'))
      ? fs.readdirSync(path.join(t.config.dataDir, 'media'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length
      : 0,
  });

  for (const [name, body] of Object.entries(MALFORMED)) {
    test(`${name}: 400 bad_request on every upload route, nothing stored`, async () => {
      const before = await stored();
      for (const url of ['/admin/medias', '/admin/medias/fichiers']) {
        const json = await t.app.inject({
          method: 'POST',
          url: `${url}?_csrf=${encodeURIComponent(editor.csrfToken)}`,
          headers: { cookie: editor.cookie, 'content-type': body.contentType, accept: 'application/json' },
          payload: body.payload,
        });
        assert.equal(json.statusCode, 400, `${url}: ${json.body}`);
        assert.equal(json.json().error.code, 'bad_request');
        const page = await t.app.inject({
          method: 'POST',
          url: `${url}?_csrf=${encodeURIComponent(editor.csrfToken)}`,
          headers: { cookie: editor.cookie, 'content-type': body.contentType },
          payload: body.payload,
        });
        assert.equal(page.statusCode, 400, url);
        assert.match(page.body, /mal formé|reçu en entier/);
      }
      const fromApi = await api.call('POST', '/media', body.payload, { 'content-type': body.contentType });
      assert.equal(fromApi.statusCode, 400, fromApi.body);
      assert.equal(fromApi.json().error.code, 'bad_request');
      assert.deepEqual(await stored(), before);
    });
  }
});
