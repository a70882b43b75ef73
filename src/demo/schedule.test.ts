import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ago, ahead, referenceNow, resolveWhen, weekly } from './schedule.ts';

// A Thursday.
const NOW = new Date('2026-11-26T10:07:31.000Z');

describe('demo schedule', () => {
  it('rounds the reference time down to five minutes', () => {
    assert.equal(referenceNow(NOW).toISOString(), '2026-11-26T10:05:00.000Z');
  });

  it('resolves offsets before and after now', () => {
    const now = referenceNow(NOW);
    assert.equal(resolveWhen(ago(1, 2, 30), now).toISOString(), '2026-11-25T07:35:00.000Z');
    assert.equal(resolveWhen(ahead(0, 16), now).toISOString(), '2026-11-27T02:05:00.000Z');
  });

  it('finds the most recent weekday at a given time, never in the future', () => {
    const now = referenceNow(NOW);
    assert.equal(resolveWhen(weekly(1, 6, 30), now).toISOString(), '2026-11-23T06:30:00.000Z'); // Monday
    assert.equal(resolveWhen(weekly(1, 6, 30, 1), now).toISOString(), '2026-11-16T06:30:00.000Z');
    assert.equal(resolveWhen(weekly(4, 6, 0), now).toISOString(), '2026-11-26T06:00:00.000Z'); // today, earlier
    assert.equal(resolveWhen(weekly(4, 15, 0), now).toISOString(), '2026-11-19T15:00:00.000Z'); // today but later: last week
  });
});
