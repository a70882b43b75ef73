import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

// An ES import of node:http reads every export to build the namespace, WebSocket among them, whose
// getter loads undici (Node's fetch): 1.5 MB of heap in every server, which sends nothing through
// it. The server's modules take node:http as a CommonJS builtin (core/http/outbound-fetch.ts).
test('loading the whole application does not load undici', () => {
  const app = pathToFileURL(path.join(import.meta.dirname, '..', '..', 'app.ts')).href;
  const loaded = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(app)}); process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => m.includes('undici'))));`,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  assert.deepEqual(JSON.parse(loaded), []);
});
