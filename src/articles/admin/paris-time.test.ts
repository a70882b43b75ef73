import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parisDayBounds, parisLocalToUtc } from './paris-time.ts';

describe('Paris wall-clock time', () => {
  it('reads winter and summer times with their offsets', () => {
    assert.equal(parisLocalToUtc('2026-12-01T09:30')?.toISOString(), '2026-12-01T08:30:00.000Z');
    assert.equal(parisLocalToUtc('2026-07-14T09:30')?.toISOString(), '2026-07-14T07:30:00.000Z');
    assert.equal(parisLocalToUtc('2026-07-14T09:30:15')?.toISOString(), '2026-07-14T07:30:15.000Z');
  });

  it('handles the daylight-saving changes', () => {
    // 29 March 2026: 02:00 → 03:00. 02:30 does not exist and resolves to a real instant nearby.
    assert.equal(parisLocalToUtc('2026-03-29T01:59')?.toISOString(), '2026-03-29T00:59:00.000Z');
    assert.equal(parisLocalToUtc('2026-03-29T03:00')?.toISOString(), '2026-03-29T01:00:00.000Z');
    assert.ok(parisLocalToUtc('2026-03-29T02:30'));
    // 25 October 2026: the day lasts 25 hours.
    const day = parisDayBounds('2026-10-25')!;
    assert.equal(day.start.toISOString(), '2026-10-24T22:00:00.000Z');
    assert.equal(day.end.toISOString(), '2026-10-25T23:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    for (const bad of ['', 'demain', '2026-02-30T10:00', '2026-12-01T24:00', '2026-13-01', '2026-12-01T09:30Z'])
      assert.equal(parisLocalToUtc(bad), null, bad);
    assert.equal(parisDayBounds('2026-12-01T10:00'), null);
  });
});
