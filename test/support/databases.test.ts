import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import pg from 'pg';
import { sql } from 'kysely';
import { forEachDatabase, postgresAdminUrl } from './databases.ts';

forEachDatabase('base de test jetable', (engine) => {
  test('est neuve, migrée, puis effacée à la fermeture', async () => {
    const first = await engine.open();
    const second = await engine.open();
    try {
      assert.notEqual(first.dataDir, second.dataDir);
      assert.equal(first.dialect, engine.label);
      await first.db.insertInto('tags').values({ slug: 'climat', name: 'Climat' }).execute();
      const inFirst = (await first.db.selectFrom('tags').select('slug').execute()).map((r) => r.slug);
      const inSecond = await second.db.selectFrom('tags').select('slug').execute();
      assert.deepEqual(inFirst, ['climat']);
      assert.deepEqual(inSecond, [], 'deux ouvertures ne partagent pas leurs données');
    } finally {
      await first.close();
      await second.close();
    }
    assert.equal(fs.existsSync(first.dataDir), false, 'le dossier de données est supprimé');
    if (engine.label === 'postgres') {
      const name = new URL(first.databaseUrl!).pathname.slice(1);
      const client = new pg.Client({ connectionString: postgresAdminUrl() });
      await client.connect();
      try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        assert.equal(rowCount, 0, `la base ${name} est supprimée`);
      } finally {
        await client.end();
      }
    }
  });

  test('peut rester vide, sans migration', async () => {
    const handle = await engine.open({ migrate: false });
    try {
      const tables =
        handle.dialect === 'sqlite'
          ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'articles'`.execute(handle.db)
          : await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE tablename = 'articles'`.execute(handle.db);
      assert.equal(tables.rows.length, 0);
    } finally {
      await handle.close();
    }
  });
});
