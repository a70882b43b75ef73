import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { bundledModule, cachedBuild, minifiedCss } from './build-cache.ts';

describe('build cache', () => {
  let dir: string;
  let cacheDir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-build-cache-'));
    cacheDir = path.join(dir, 'cache');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds once, then reads the result back while every input is unchanged', async () => {
    const input = path.join(dir, 'a.txt');
    fs.writeFileSync(input, 'un');
    let builds = 0;
    const build = async () => {
      builds++;
      return { outputs: [`sortie ${fs.readFileSync(input, 'utf8')}`], inputs: [input] };
    };
    assert.deepEqual(await cachedBuild('essai', { o: 1 }, build, cacheDir), ['sortie un']);
    assert.deepEqual(await cachedBuild('essai', { o: 1 }, build, cacheDir), ['sortie un']);
    assert.equal(builds, 1);

    fs.writeFileSync(input, 'deux');
    assert.deepEqual(await cachedBuild('essai', { o: 1 }, build, cacheDir), ['sortie deux'], 'a changed input makes a new build');
    assert.equal(builds, 2);
    await cachedBuild('essai', { o: 2 }, build, cacheDir);
    assert.equal(builds, 3, 'other options make a new build');
    fs.rmSync(input);
    await assert.rejects(cachedBuild('essai', { o: 2 }, build, cacheDir), /ENOENT/, 'a removed input is not taken from the cache');
  });

  it('builds every time when the cache cannot be written, and ignores a damaged entry', async () => {
    fs.writeFileSync(path.join(dir, 'fichier'), 'pas un dossier');
    let builds = 0;
    const build = async () => {
      builds++;
      return { outputs: ['x'], inputs: [] };
    };
    const unwritable = path.join(dir, 'fichier', 'cache');
    assert.deepEqual(await cachedBuild('essai', {}, build, unwritable), ['x']);
    assert.deepEqual(await cachedBuild('essai', {}, build, unwritable), ['x']);
    assert.equal(builds, 2);

    await cachedBuild('abime', {}, build, cacheDir);
    fs.writeFileSync(path.join(cacheDir, 'abime.json'), '{ tronqué');
    assert.deepEqual(await cachedBuild('abime', {}, build, cacheDir), ['x']);
    assert.equal(builds, 4);
  });

  it('follows every module a bundle imports, and every byte of a stylesheet', async () => {
    const entry = path.join(dir, 'entree.ts');
    const dependency = path.join(dir, 'dependance.ts');
    fs.writeFileSync(entry, "import { mot } from './dependance.ts';\ndocument.title = mot;\n");
    fs.writeFileSync(dependency, "export const mot = 'premier';\n");
    assert.match(await bundledModule('essai-js', entry, cacheDir), /premier/);
    fs.writeFileSync(dependency, "export const mot = 'second';\n");
    assert.match(await bundledModule('essai-js', entry, cacheDir), /second/, 'a change in an imported module is seen');

    assert.equal(await minifiedCss('essai-css', 'a { color : red ; }', cacheDir), 'a{color:red}\n');
    assert.equal(await minifiedCss('essai-css', 'b { color : blue ; }', cacheDir), 'b{color:#00f}\n');
  });
});
