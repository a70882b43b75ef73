import assert from 'node:assert/strict';
import { it } from 'node:test';
import { PhaseTimer, parseServerTiming } from './server-timing.ts';

it('times phases in order and reads its own header back', async () => {
  const timer = new PhaseTimer();
  timer.add('before', 1.25);
  // Long enough that the wait stands far above the thread's processor time, whose accounting can
  // be coarse (a few ms) on a busy machine, and above a timer that fires up to 1 ms early.
  await new Promise((resolve) => setTimeout(resolve, 40));
  timer.lap('store');
  const header = timer.header(12.345);
  assert.match(header, /^before;dur=1\.3, store;dur=\d+\.\d, total;dur=12\.3, cpu;dur=\d+\.\d$/);
  const parsed = parseServerTiming(header);
  assert.deepEqual(Object.keys(parsed), ['before', 'store', 'total', 'cpu']);
  assert.ok(parsed.store >= 35, header);
  assert.ok(parsed.cpu < parsed.store, `a timer waits without using the processor: ${header}`);
  assert.deepEqual(parseServerTiming('cache;desc="hit", db;dur=2.5'), { db: 2.5 });
  assert.deepEqual(parseServerTiming(null), {});
});
