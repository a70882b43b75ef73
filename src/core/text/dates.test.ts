import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDateFr, formatDateTimeFr, formatTimeFr, parseInstant, toParisIso, toRfc822 } from './dates.ts';

const S = '\u00A0';

describe('formatDateFr', () => {
  it('writes "1er" for the first day of the month', () => {
    assert.equal(formatDateFr('2026-12-01T08:05:00.000Z'), `1er${S}décembre 2026`);
    assert.equal(formatDateFr('2024-01-01T12:00:00Z'), `1er${S}janvier 2024`);
  });

  it('writes other days as plain numbers', () => {
    assert.equal(formatDateFr('2026-11-26T08:05:00.000Z'), `26${S}novembre 2026`);
    assert.equal(formatDateFr('2026-08-02T10:00:00Z'), `2${S}août 2026`);
  });

  it('uses the Paris calendar day, not the UTC one, around midnight', () => {
    // 23:30 UTC on 30 November is already 1 December in Paris (UTC+1)
    assert.equal(formatDateFr('2026-11-30T23:30:00Z'), `1er${S}décembre 2026`);
    // 22:30 UTC on 30 June is 0:30 on 1 July in Paris (UTC+2)
    assert.equal(formatDateFr('2026-06-30T22:30:00Z'), `1er${S}juillet 2026`);
    assert.equal(formatDateFr('2026-06-30T21:59:59Z'), `30${S}juin 2026`);
  });

  it('accepts a Date and a bare calendar date', () => {
    assert.equal(formatDateFr(new Date('2026-03-15T12:00:00Z')), `15${S}mars 2026`);
    assert.equal(formatDateFr('2026-03-15'), `15${S}mars 2026`);
  });
});

describe('formatTimeFr and formatDateTimeFr', () => {
  it('writes the editorial time: no leading zero, "h", two-digit minutes, no-break spaces', () => {
    assert.equal(formatTimeFr('2026-12-01T07:05:00Z'), `8${S}h${S}05`);
    assert.equal(formatTimeFr('2026-12-01T13:00:00Z'), `14${S}h${S}00`);
    assert.equal(formatDateTimeFr('2026-12-01T07:05:00.000Z'), `1er${S}décembre 2026 à 8${S}h${S}05`);
  });

  it('writes midnight as 0 h 00', () => {
    assert.equal(formatTimeFr('2026-11-30T23:00:00Z'), `0${S}h${S}00`);
    assert.equal(formatDateTimeFr('2026-11-30T23:00:00Z'), `1er${S}décembre 2026 à 0${S}h${S}00`);
  });

  it('follows daylight saving time', () => {
    // Last Sunday of March 2026 (29th): 2:00 CET jumps to 3:00 CEST at 01:00 UTC.
    assert.equal(formatTimeFr('2026-03-29T00:59:00Z'), `1${S}h${S}59`);
    assert.equal(formatTimeFr('2026-03-29T01:00:00Z'), `3${S}h${S}00`);
    // Last Sunday of October 2026 (25th): 3:00 CEST falls back to 2:00 CET at 01:00 UTC.
    assert.equal(formatTimeFr('2026-10-25T00:59:00Z'), `2${S}h${S}59`);
    assert.equal(formatTimeFr('2026-10-25T01:00:00Z'), `2${S}h${S}00`);
  });
});

describe('toParisIso', () => {
  it('writes Paris wall-clock time with its offset', () => {
    assert.equal(toParisIso('2026-12-01T07:05:00.000Z'), '2026-12-01T08:05:00+01:00');
    assert.equal(toParisIso('2026-07-14T08:00:30Z'), '2026-07-14T10:00:30+02:00');
  });

  it('switches offset exactly at the DST boundaries', () => {
    assert.equal(toParisIso('2026-03-29T00:59:59Z'), '2026-03-29T01:59:59+01:00');
    assert.equal(toParisIso('2026-03-29T01:00:00Z'), '2026-03-29T03:00:00+02:00');
    assert.equal(toParisIso('2026-10-25T00:30:00Z'), '2026-10-25T02:30:00+02:00');
    assert.equal(toParisIso('2026-10-25T01:30:00Z'), '2026-10-25T02:30:00+01:00');
  });

  it('accepts an input that already carries an offset, and round-trips', () => {
    assert.equal(toParisIso('2026-12-01T08:05:00+01:00'), '2026-12-01T08:05:00+01:00');
    assert.equal(toParisIso('2026-12-01T02:05:00-05:00'), '2026-12-01T08:05:00+01:00');
    const iso = toParisIso('2026-10-25T01:30:00Z');
    assert.equal(new Date(iso).toISOString(), '2026-10-25T01:30:00.000Z');
  });
});

describe('toRfc822', () => {
  it('writes the GMT form used by RSS pubDate', () => {
    assert.equal(toRfc822('2026-12-01T07:05:00.000Z'), 'Tue, 01 Dec 2026 07:05:00 GMT');
    assert.equal(toRfc822('2026-07-14T10:00:00+02:00'), 'Tue, 14 Jul 2026 08:00:00 GMT');
  });
});

describe('invalid input', () => {
  it('throws a clear RangeError', () => {
    for (const bad of [
      '',
      'hier',
      '26/11/2026',
      '2026-11-26T08:05:00', // no zone: would be read in the server's zone
      '2026-02-30T00:00:00Z', // no such day (Date would silently roll over to 2 March)
      '2026-13-01T00:00:00Z',
      '2026-11-26T24:00:00Z',
      '2026-11-26T08:60:00Z',
    ]) {
      assert.throws(
        () => formatDateFr(bad),
        (error: unknown) => {
          assert.ok(error instanceof RangeError, bad);
          assert.match(error.message, /^Date invalide : /);
          return true;
        },
      );
    }
    assert.throws(() => toParisIso(new Date(Number.NaN)), RangeError);
    assert.throws(() => toRfc822('n’importe quoi'), RangeError);
    assert.throws(() => parseInstant(undefined as unknown as string), RangeError);
  });

  it('accepts a leap day', () => {
    assert.equal(formatDateFr('2028-02-29T12:00:00Z'), `29${S}février 2028`);
  });
});
