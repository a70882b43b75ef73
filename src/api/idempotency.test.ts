import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestApp } from '../../test/support/app-factory.ts';
import { createTestApp } from '../../test/support/app-factory.ts';
import { createPerson, createSection, createSettings } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { type ApiClient, apiClientFor } from './api-test-client.ts';

// A client whose response was lost retries with the same Idempotency-Key: it gets the first
// response again and nothing is created twice.
forEachDatabase('admin API: Idempotency-Key', (engine) => {
  let t: TestApp;
  let api: ApiClient;
  let sectionId: number;
  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    const db = t.app.kiosque.db;
    await createSettings(db);
    sectionId = (await createSection(db, { slug: 'international', name: 'International' })).id;
    const person = await createPerson(db, { name: 'Alice Martin' });
    api = await apiClientFor(t.app, 'editeur', { personId: person.id });
  });
  after(() => t.close());

  const draft = (headline: string) => ({ format: 'actualite', sectionId, headline, lead: 'Un chapô.' });
  const count = async () => (await t.app.kiosque.db.selectFrom('articles').select('id').execute()).length;
  const withKey = (key: string) => ({ 'idempotency-key': key });

  test('a retry with the same key returns the first response and creates nothing', async () => {
    const before = await count();
    const first = await api.call('POST', '/articles', draft('Premier essai'), withKey('creation-1'));
    assert.equal(first.statusCode, 201, first.body);
    const retry = await api.call('POST', '/articles', draft('Premier essai'), withKey('creation-1'));
    assert.equal(retry.statusCode, 201);
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    assert.equal(retry.headers.location, first.headers.location);
    assert.deepEqual(retry.json(), first.json());
    assert.equal(await count(), before + 1, 'one article only');
    // Without a key, the same call creates another one (keys are opt-in).
    assert.equal((await api.call('POST', '/articles', draft('Premier essai'))).statusCode, 201);
    assert.equal(await count(), before + 2);
  });

  test('the same key with another body is refused (422), and a key belongs to its user', async () => {
    await api.call('POST', '/articles', draft('Deuxième essai'), withKey('creation-2'));
    const before = await count();
    const other = await api.call('POST', '/articles', draft('Autre chose'), withKey('creation-2'));
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().error.code, 'idempotency_key_reused');
    assert.equal(await count(), before);
    const someoneElse = await apiClientFor(t.app, 'editeur');
    assert.equal((await someoneElse.call('POST', '/articles', draft('Autre chose'), withKey('creation-2'))).statusCode, 201);
    assert.equal(await count(), before + 1);
  });

  test('a state change replays too: the retried PATCH is not a 409 conflict, and is not applied twice', async () => {
    const created = (await api.call('POST', '/articles', draft('Troisième essai'))).json();
    const patch = { revision: created.revision, kicker: 'Diplomatie' };
    const first = await api.call('PATCH', `/articles/${created.id}`, patch, withKey('patch-1'));
    assert.equal(first.statusCode, 200);
    const retry = await api.call('PATCH', `/articles/${created.id}`, patch, withKey('patch-1'));
    assert.equal(retry.statusCode, 200, 'replayed, not a stale-revision 409');
    assert.equal(retry.json().revision, first.json().revision);
    const stored = await t.app.kiosque.db.selectFrom('articles').select('revision').where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.equal(stored.revision, created.revision + 1);
  });

  test('a failed call leaves the key free; concurrent retries create one article; keys expire after 24 h', async () => {
    const invalid = await api.call('POST', '/articles', { ...draft('Essai'), sectionId: 2147483647 }, withKey('creation-3'));
    assert.equal(invalid.statusCode, 422);
    assert.equal(
      (await api.call('POST', '/articles', { ...draft('Essai'), sectionId: 2147483647 }, withKey('creation-3'))).statusCode,
      422,
    );
    assert.equal((await api.call('POST', '/articles', draft('Essai corrigé'), withKey('creation-4'))).statusCode, 201);

    const before = await count();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => api.call('POST', '/articles', draft('En parallèle'), withKey('creation-5'))),
    );
    assert.equal(await count(), before + 1, 'one article for four simultaneous calls');
    for (const answer of answers) assert.ok([201, 409].includes(answer.statusCode), String(answer.statusCode));

    await t.app.kiosque.db
      .updateTable('idempotency_keys')
      .set({ created_at: new Date(Date.now() - 25 * 3600_000).toISOString() })
      .where('key', '=', 'creation-5')
      .execute();
    const later = await api.call('POST', '/articles', draft('En parallèle'), withKey('creation-5'));
    assert.equal(later.statusCode, 201);
    assert.equal(later.headers['idempotent-replayed'], undefined, 'an expired key runs again');
    assert.equal(await count(), before + 2);

    const bad = await api.call('POST', '/articles', draft('Essai'), withKey('é'.repeat(3)));
    assert.equal(bad.statusCode, 422);
  });
});
