import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type ApiClient, apiClientFor } from '../../api/api-test-client.ts';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { createSection, createSettings } from '../../../test/support/content-factories.ts';
import { postgresAdminUrl } from '../../../test/support/databases.ts';
import { infrastructureCause } from './infrastructure-errors.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

describe('infrastructure failures', () => {
  it('names the real cause of disk, folder and connection failures', () => {
    const system = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`${code} failure`), { code, ...extra });
    assert.match(infrastructureCause(system('EROFS', { path: '/srv/kiosque' })) ?? '', /^EROFS .*\/srv\/kiosque/);
    assert.match(infrastructureCause(system('EACCES')) ?? '', /^EACCES/);
    assert.match(infrastructureCause(system('ECONNREFUSED')) ?? '', /^ECONNREFUSED/);
    assert.match(infrastructureCause(system('57P01')) ?? '', /PostgreSQL/);
    assert.match(infrastructureCause(new Error('wrapped', { cause: system('ENOSPC') })) ?? '', /^ENOSPC/);
    assert.equal(infrastructureCause(new Error('une erreur de programmation')), null);
    assert.equal(infrastructureCause(system('23505')), null, 'a unique violation is the request’s problem');
  });

  it('a data folder that cannot be made stops the boot with one clear line, no stack trace', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-boot-')), 'un-fichier');
    fs.writeFileSync(file, 'pas un dossier');
    const result = spawnSync(process.execPath, [path.join(ROOT, 'src', 'server.ts')], {
      env: { ...process.env, DATA_DIR: path.join(file, 'data'), PORT: '0', DATABASE_URL: '', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    assert.equal(result.status, 1);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0], /^kiosque: échec du démarrage — ENOTDIR .*un-fichier/);
  });

  describe('a full disk (SQLite, PRAGMA max_page_count)', () => {
    let t: TestApp;
    let api: ApiClient;
    let sectionId: number;
    before(async () => {
      t = await createTestApp();
      await createSettings(t.database.db);
      sectionId = (await createSection(t.database.db, { slug: 'international', name: 'International' })).id;
      api = await apiClientFor(t.app, 'editeur');
    });
    after(() => t.close());

    // Long enough to need new pages in the file.
    const draft = () => ({
      format: 'actualite',
      sectionId,
      headline: 'Disque plein',
      lead: 'Un chapô.',
      body: {
        type: 'doc',
        content: Array.from({ length: 10 }, () => ({ type: 'paragraph', content: [{ type: 'text', text: 'x'.repeat(3000) }] })),
      },
    });
    const setMaxPages = (pages: number) => sql.raw(`PRAGMA max_page_count = ${pages}`).execute(t.database.db);

    it('keeps the real error through the transaction: SQLITE_FULL, not “cannot rollback”', async () => {
      const { rows } = await sql<{ page_count: number }>`PRAGMA page_count`.execute(t.database.db);
      await setMaxPages(rows[0].page_count);
      try {
        await assert.rejects(
          t.database.db.transaction().execute(async (trx) => {
            for (let i = 0; i < 50; i++) {
              await trx
                .insertInto('audit_log')
                .values({
                  actor_user_id: null,
                  actor_label: 'essai',
                  action: 'essai',
                  subject_type: 'x'.repeat(4000),
                  subject_id: null,
                  created_at: new Date().toISOString(),
                })
                .execute();
            }
          }),
          (error: Error & { errcode?: number }) => error.errcode === 13 && /full/.test(error.message),
        );
      } finally {
        await setMaxPages(1_000_000_000);
      }
    });

    it('answers a French 503 while the disk is full, and writes resume when space comes back', async () => {
      const { rows } = await sql<{ page_count: number }>`PRAGMA page_count`.execute(t.database.db);
      await setMaxPages(rows[0].page_count);
      try {
        const full = await api.call('POST', '/articles', draft());
        assert.equal(full.statusCode, 503, full.body);
        assert.equal(full.json().error.code, 'unavailable');
        assert.match(full.json().error.message, /momentanément indisponible/);
        assert.equal(full.headers['retry-after'], '10');
      } finally {
        await setMaxPages(1_000_000_000);
      }
      const again = await api.call('POST', '/articles', draft());
      assert.equal(again.statusCode, 201, again.body);
    });
  });

  if (postgresAdminUrl()) {
    describe('a lost PostgreSQL connection', () => {
      let t: TestApp;
      let api: ApiClient;
      before(async () => {
        t = await createTestApp({ dialect: 'postgres' });
        await createSettings(t.database.db);
        api = await apiClientFor(t.app, 'editeur');
      });
      after(() => t.close());

      it('never answers 500 when the server drops every connection, and works again at once', async () => {
        assert.equal((await api.call('GET', '/sections')).statusCode, 200);
        await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(
          t.database.db,
        );
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) statuses.push((await api.call('GET', '/sections')).statusCode);
        assert.ok(
          statuses.every((s) => s === 200 || s === 503),
          statuses.join(', '),
        );
        assert.equal(statuses.at(-1), 200, 'working again');
      });
    });
  }
});
