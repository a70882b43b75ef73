import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { rawGet, startServerProcess } from '../../scripts/support/server-process.ts';
import { serverBundle } from './server-bundle.ts';
import { freshServerBundle } from './server-bundle-pointer.js';

const SRC = path.resolve(import.meta.dirname, '..');
const temporary: string[] = [];
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};
after(() => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the bundled server that npm start runs', () => {
  it('is one module where each file keeps its own folder, made again only when a source changes', async () => {
    const cacheDir = tempDir('kiosque-server-bundle-');
    const file = await serverBundle(path.join(SRC, 'start-server.ts'), cacheDir);
    assert.match(path.basename(file), /^server-[0-9a-f]{16}\.mjs$/);
    const code = fs.readFileSync(file, 'utf8');
    // import.meta of the bundle would be the cache folder: every module's own is written in.
    assert.doesNotMatch(code, /import\.meta\.(dirname|filename|url)/);
    assert.ok(code.includes(JSON.stringify(path.join(SRC, 'site'))), 'the site assets module keeps its folder');
    // Packages stay in node_modules, but for the pure ES modules written in (their hundreds of
    // files were resolved and linked one by one at every start).
    assert.match(code, /from\s*"fastify"/);
    for (const bundled of ['kysely', 'zod']) assert.doesNotMatch(code, new RegExp(`from\\s*"${bundled}[/"]`), bundled);
    // What only a bounce mailbox, PostgreSQL, an upload, a subscribers' CSV, a feed, an import or a search needs is loaded when
    // first used, not at every start.
    for (const lazy of [
      'imapflow',
      'mailparser',
      'pg',
      'file-type',
      'csv-parse/sync',
      'csv-stringify/sync',
      'fast-xml-parser',
      'htmlparser2',
      'snowball-stemmers',
    ])
      assert.doesNotMatch(code, new RegExp(`from\\s*"${lazy}"`), lazy);
    const entry = path.join(cacheDir, 'server.json');
    const written = fs.statSync(entry).mtimeMs;
    assert.equal(await serverBundle(path.join(SRC, 'start-server.ts'), cacheDir), file);
    assert.equal(fs.statSync(entry).mtimeMs, written, 'unchanged sources: read back, not built again');
    // What src/start.js reads: this bundle, while nothing it was made from changes.
    const pointer = path.join(cacheDir, 'current.json');
    assert.equal(await freshServerBundle(pointer), file);
    const recorded = JSON.parse(fs.readFileSync(pointer, 'utf8')) as { inputs: Record<string, string> };
    assert.ok(recorded.inputs[path.join(SRC, 'app.ts')], 'the sources are fingerprinted');
    assert.ok(recorded.inputs[path.join(SRC, 'core', 'server-bundle.ts')], 'and the bundler');
    // A package written in is fingerprinted like a source: upgrading it makes the bundle again.
    const kyselyFiles = Object.keys(recorded.inputs).filter((input) =>
      input.includes(`${path.sep}node_modules${path.sep}kysely${path.sep}`),
    );
    assert.ok(kyselyFiles.length > 50, `kysely's files are fingerprinted (${kyselyFiles.length})`);
  });

  it('is not run once one of its files has changed or is gone', async () => {
    const dir = tempDir('kiosque-server-pointer-');
    const source = path.join(dir, 'a.ts');
    const bundle = path.join(dir, 'server-0000000000000000.mjs');
    fs.writeFileSync(source, 'export const a = 1;\n');
    fs.writeFileSync(bundle, '');
    const pointer = path.join(dir, 'current.json');
    const { fingerprints } = await import('./assets/fingerprints.js');
    fs.writeFileSync(pointer, JSON.stringify({ file: bundle, inputs: await fingerprints([source]) }));
    assert.equal(await freshServerBundle(pointer), bundle);
    fs.writeFileSync(source, 'export const a = 2;\n');
    assert.equal(await freshServerBundle(pointer), undefined);
    fs.rmSync(source);
    assert.equal(await freshServerBundle(pointer), undefined);
    fs.writeFileSync(pointer, '{ damaged');
    assert.equal(await freshServerBundle(pointer), undefined);
  });

  it('serves the same site as the sources (stylesheet included), and KIOSQUE_BUNDLE=0 runs the sources', async () => {
    const hrefs: string[] = [];
    for (const bundle of ['1', '0']) {
      const server = await startServerProcess({
        dataDir: tempDir('kiosque-bundle-start-'),
        pageCache: true,
        timeoutMs: 120_000,
        env: { KIOSQUE_DEMO: '0', KIOSQUE_BUNDLE: bundle },
      });
      try {
        const home = (await rawGet(`${server.origin}/`)).body.toString('utf8');
        const href = /<link rel="stylesheet" href="([^"]+)"/.exec(home)?.[1];
        assert.ok(href, home.slice(0, 500));
        assert.equal((await rawGet(`${server.origin}${href}`)).status, 200);
        assert.equal((await rawGet(`${server.origin}/admin/connexion`)).status, 200);
        hrefs.push(href);
      } finally {
        await server.stop();
      }
      assert.doesNotMatch(server.output(), /démarrage depuis les sources/);
    }
    assert.equal(hrefs[0], hrefs[1]);
  });
});
