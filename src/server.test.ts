import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const SERVER = path.join(import.meta.dirname, 'server.ts');

function run(env: Record<string, string>, untilOutput?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not finish: ${stdout} ${stderr}`));
    }, 30_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      if (untilOutput?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-boot-'));
  tempDirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('server boot', () => {
  it('refuses bad configuration with one clear line on stderr and a non-zero exit', async () => {
    const { code, stderr, stdout } = await run({ PORT: 'quatre-vingts', DATA_DIR: tempDir() });
    assert.notEqual(code, 0);
    assert.equal(stdout, '');
    const lines = stderr.trim().split('\n');
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0], /^kiosque: Configuration invalide — PORT/);
  });

  it('starts on an empty database without the demo when KIOSQUE_DEMO=0 and prints its URL', async () => {
    const dataDir = tempDir();
    const { stdout } = await run({ PORT: '0', DATA_DIR: dataDir, KIOSQUE_DEMO: '0', LOG_LEVEL: 'silent' }, /prêt/);
    assert.match(stdout, /Kiosque est prêt : http:\/\/127\.0\.0\.1:\d+\//);
    assert.doesNotMatch(stdout, /démonstration/);
    assert.ok(fs.existsSync(path.join(dataDir, 'kiosque.sqlite')));
  });
});
