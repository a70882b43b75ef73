import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../core/config.ts';
import { type DatabaseHandle, openDatabase } from '../core/db/database.ts';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { runCli } from './kiosque-cli.ts';

describe('npm run kiosque -- backup / restore (SQLite)', () => {
  let t: TestApp;
  let work: string;
  let restored: { app: FastifyInstance; handle: DatabaseHandle } | undefined;
  before(async () => {
    t = await createTestApp({ seed: true });
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-backup-'));
  });
  after(async () => {
    await restored?.app.close();
    await restored?.handle.close();
    await t.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const io = () => {
    const lines: string[] = [];
    return { lines, out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  };
  const env = (dataDir: string) => ({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, KIOSQUE_DEMO: '0' });

  it('backs up the running site and restores it into a new folder that serves the same pages', async () => {
    const home = await t.app.inject({ url: '/' });
    const paths = ['/', ...[...home.body.matchAll(/href="(\/[^"#?]+)"/g)].map((m) => m[1]).filter((p) => !p.startsWith('/assets/'))].slice(
      0,
      25,
    );
    const images = [...home.body.matchAll(/src="(\/media\/[^"]+)"/g)].map((m) => m[1]).slice(0, 3);
    assert.ok(images.length > 0, 'the home page shows images');

    const backupDir = path.join(work, 'sauvegarde');
    const saved = io();
    assert.equal(await runCli(['backup', backupDir], saved, env(t.database.dataDir)), 0, saved.lines.join('\n'));
    assert.match(saved.lines[0], /Sauvegarde faite/);
    const again = io();
    assert.equal(await runCli(['backup', backupDir], again, env(t.database.dataDir)), 2, 'never over a non-empty folder');

    const newDir = path.join(work, 'restauree');
    const put = io();
    assert.equal(await runCli(['restore', backupDir], put, env(newDir)), 0, put.lines.join('\n'));
    const twice = io();
    assert.equal(await runCli(['restore', backupDir], twice, env(newDir)), 2, 'never over an existing database');

    const handle = openDatabase({ dataDir: newDir });
    const copyApp = await buildApp({ config: loadConfig({ ...env(newDir), PAGE_CACHE: '1' }), database: handle });
    restored = { app: copyApp, handle };
    await copyApp.ready();
    for (const p of [...paths, ...images]) {
      const original = await t.app.inject({ url: p });
      const copy = await copyApp.inject({ url: p });
      assert.equal(copy.statusCode, original.statusCode, p);
      assert.ok(copy.rawPayload.equals(original.rawPayload), `same bytes for ${p}`);
    }
  });
});
