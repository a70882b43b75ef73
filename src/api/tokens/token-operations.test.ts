import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { insertTestUser } from '../api-test-users.ts';
import { hashTokenSecret, looksLikeTokenSecret } from './api-token-secret.ts';
import { createApiToken, grantableScopes, resolveBearerActor, revokeApiToken } from './token-operations.ts';
import { listApiTokens } from './token-repository.ts';

forEachDatabase('personal access tokens', (engine) => {
  test('a token is shown once, stored hashed, resolves to its owner with its scopes, and stops working when revoked', async () => {
    const database = await engine.open();
    try {
      const { db } = database;
      const editor = await insertTestUser(db, 'editeur', { name: 'Élise Éditrice' });
      const { id, secret } = await createApiToken(db, editor, {
        name: 'Import',
        scopes: ['article:create', 'article:edit-own'],
        lifetimeDays: 30,
      });
      assert.ok(looksLikeTokenSecret(secret));
      assert.equal(secret.length, 4 + 43);

      const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.token_hash, hashTokenSecret(secret));
      assert.ok(!JSON.stringify(row).includes(secret.slice(4)), 'the secret itself is not stored');
      assert.ok(row.expires_at && Date.parse(row.expires_at) > Date.now() + 29 * 86_400_000);

      const actor = await resolveBearerActor(db, `Bearer ${secret}`);
      assert.deepEqual(actor, {
        userId: editor.userId,
        name: 'Élise Éditrice',
        role: 'editeur',
        personId: null,
        scopes: ['article:create', 'article:edit-own'],
      });
      const [listed] = await listApiTokens(db, editor.userId);
      assert.ok(listed.lastUsedAt, 'last use is noted');

      await revokeApiToken(db, editor, id);
      await assert.rejects(resolveBearerActor(db, `Bearer ${secret}`), { code: 'unauthorized', status: 401 });
      const audit = (await db.selectFrom('audit_log').select(['action', 'subject_id']).orderBy('id').execute()).map((r) => ({ ...r }));
      assert.deepEqual(audit, [
        { action: 'token.create', subject_id: String(id) },
        { action: 'token.revoke', subject_id: String(id) },
      ]);
    } finally {
      await database.close();
    }
  });

  test('no header is anonymous; malformed, unknown and expired tokens and disabled accounts are refused', async () => {
    const database = await engine.open();
    try {
      const { db } = database;
      assert.equal(await resolveBearerActor(db, undefined), null);
      assert.equal(await resolveBearerActor(db, 'Basic abc'), null);
      await assert.rejects(resolveBearerActor(db, 'Bearer nope'), { status: 401 });
      await assert.rejects(resolveBearerActor(db, `Bearer ksq_${'A'.repeat(43)}`), { status: 401 });

      const writer = await insertTestUser(db, 'journaliste');
      const old = await createApiToken(
        db,
        writer,
        { name: 'Ancien', scopes: ['article:create'], lifetimeDays: 30 },
        new Date(Date.now() - 31 * 86_400_000),
      );
      await assert.rejects(resolveBearerActor(db, `Bearer ${old.secret}`), { status: 401 });

      const live = await createApiToken(db, writer, { name: 'Actuel', scopes: ['article:create'], lifetimeDays: null });
      assert.ok(await resolveBearerActor(db, `Bearer ${live.secret}`));
      await db.updateTable('users').set({ status: 'disabled' }).where('id', '=', writer.userId).execute();
      await assert.rejects(resolveBearerActor(db, `Bearer ${live.secret}`), { status: 401 });
    } finally {
      await database.close();
    }
  });

  test('scopes are limited to the role; others cannot revoke your token; tokens cannot mint tokens', async () => {
    const database = await engine.open();
    try {
      const { db } = database;
      const contributor = await insertTestUser(db, 'contributeur');
      assert.ok(!grantableScopes('contributeur').includes('article:publish'));
      await assert.rejects(createApiToken(db, contributor, { name: 'Publier', scopes: ['article:publish'], lifetimeDays: null }), {
        code: 'validation_failed',
        status: 422,
      });
      await assert.rejects(createApiToken(db, contributor, { name: ' ', scopes: ['article:create'], lifetimeDays: null }), {
        name: 'ZodError',
      });
      assert.equal((await listApiTokens(db, contributor.userId)).length, 0);

      const moderator = await insertTestUser(db, 'moderateur');
      await assert.rejects(createApiToken(db, moderator, { name: 'X', scopes: ['comment:moderate'], lifetimeDays: null }), {
        code: 'forbidden',
      });

      const { id } = await createApiToken(db, contributor, { name: 'Mien', scopes: ['article:create'], lifetimeDays: null });
      const other = await insertTestUser(db, 'editeur');
      await assert.rejects(revokeApiToken(db, other, id), { code: 'not_found' });
      await assert.rejects(
        createApiToken(db, { ...contributor, scopes: ['token:manage-own'] }, { name: 'Y', scopes: ['article:create'], lifetimeDays: null }),
        { code: 'forbidden' },
      );
      assert.equal((await listApiTokens(db, contributor.userId))[0].revokedAt, null);
    } finally {
      await database.close();
    }
  });
});
