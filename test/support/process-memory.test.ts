import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { peakRssMbOf } from '../../scripts/support/server-process.ts';

const run = promisify(execFile);
const HELPER = pathToFileURL(path.resolve(import.meta.dirname, '../../scripts/support/server-process.ts')).href;

/** A child that touches `mb` MB, then prints its own peak (VmHWM). Its maxRSS would start from this process's peak. */
async function childPeaks(mb: number): Promise<{ peak: number }> {
  const code = `import { peakRssMbOf } from ${JSON.stringify(HELPER)};
const held = Buffer.alloc(${mb} * 1024 * 1024, 1);
console.log(JSON.stringify({ peak: peakRssMbOf(process.pid), held: held.length }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code]);
  return JSON.parse(stdout) as { peak: number };
}

describe('peak memory of a bench child (the WordPress import bench)', () => {
  it("counts the child's own peak, not the peak of the process that started it", async () => {
    // The parent holds 300 MB while it starts the child, as `npm run bench` does after its load tests.
    const ballast = Buffer.alloc(300 * 1024 * 1024, 1);
    const idle = await childPeaks(0);
    const busy = await childPeaks(150);
    assert.equal(ballast.at(-1), 1);
    assert.ok(peakRssMbOf(process.pid) >= 300, 'the parent itself went past 300 MB');
    assert.ok(idle.peak < 150, `a child holding nothing peaks at ${idle.peak} MB`);
    assert.ok(busy.peak >= 150 && busy.peak < 300, `a child holding 150 MB peaks at ${busy.peak} MB`);
  });
});
