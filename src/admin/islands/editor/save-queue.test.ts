import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type SaveOutcome, SaveQueue, type SaveStatus } from './save-queue.ts';

/** A save function the test answers by hand, recording the state each save carried. */
function controlledSave(state: { text: string }) {
  const sent: string[] = [];
  const pending: Array<(outcome: SaveOutcome) => void> = [];
  let revision = 1;
  return {
    sent,
    save: () =>
      new Promise<SaveOutcome>((resolve) => {
        sent.push(state.text);
        pending.push(resolve);
      }),
    answer(outcome?: SaveOutcome) {
      pending.shift()!(outcome ?? { kind: 'saved', revision: ++revision });
    },
    get waiting() {
      return pending.length;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('changes typed during a save are sent by a second save, never lost', async () => {
  const state = { text: 'a' };
  const server = controlledSave(state);
  const statuses: SaveStatus['kind'][] = [];
  const queue = new SaveQueue({ save: server.save, onStatus: (s) => statuses.push(s.kind) });

  queue.markChanged();
  const flushing = queue.flush();
  await tick();
  assert.deepEqual(server.sent, ['a']);
  // Typed while the first save is on its way.
  state.text = 'ab';
  queue.markChanged();
  const second = queue.flush(); // a timer tick during the save: waits, does not send in parallel
  await tick();
  assert.equal(server.waiting, 1);
  server.answer();
  await tick();
  assert.deepEqual(server.sent, ['a', 'ab']);
  server.answer();
  await Promise.all([flushing, second]);
  assert.equal(queue.hasUnsavedChanges, false);
  assert.equal(statuses.at(-1), 'saved');
  assert.ok(statuses.includes('dirty'));
});

test('nothing is sent when nothing changed', async () => {
  const server = controlledSave({ text: '' });
  const queue = new SaveQueue({ save: server.save, onStatus: () => {} });
  await queue.flush();
  assert.equal(server.sent.length, 0);
});

test('a conflict stops saving until resolved', async () => {
  const state = { text: 'x' };
  const server = controlledSave(state);
  const statuses: SaveStatus['kind'][] = [];
  const queue = new SaveQueue({ save: server.save, onStatus: (s) => statuses.push(s.kind) });
  queue.markChanged();
  const flushing = queue.flush();
  await tick();
  server.answer({ kind: 'conflict', details: { currentRevision: 9 } });
  await flushing;
  assert.equal(statuses.at(-1), 'conflict');
  state.text = 'xy';
  queue.markChanged();
  await queue.flush();
  assert.equal(server.sent.length, 1, 'no save while the conflict is open');
  queue.resolveConflict();
  const again = queue.flush();
  await tick();
  server.answer();
  await again;
  assert.deepEqual(server.sent, ['x', 'xy']);
  assert.equal(queue.inConflict, false);
});

test('a refused state is not re-sent until it changes; a network failure is retried on the next flush', async () => {
  const state = { text: 'bad' };
  const server = controlledSave(state);
  const queue = new SaveQueue({ save: server.save, onStatus: () => {} });
  queue.markChanged();
  let f = queue.flush();
  await tick();
  server.answer({ kind: 'invalid', message: 'Titre trop long' });
  await f;
  await queue.flush();
  assert.equal(server.sent.length, 1);
  state.text = 'good';
  queue.markChanged();
  f = queue.flush();
  await tick();
  server.answer({ kind: 'failed', message: 'Hors ligne' });
  await f;
  assert.equal(server.sent.length, 2, 'no tight retry loop');
  assert.equal(queue.hasUnsavedChanges, true);
  f = queue.flush();
  await tick();
  server.answer();
  await f;
  assert.deepEqual(server.sent, ['bad', 'good', 'good']);
  assert.equal(queue.hasUnsavedChanges, false);
});
