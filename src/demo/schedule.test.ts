import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARTICLES } from './content/articles.ts';
import { ago, ahead, editionTime, referenceNow, resolveWhen, weekly } from './schedule.ts';

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

const parisDay = (instant: Date): string => instant.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });

describe('demo edition time', () => {
  it('is now (rounded) once the morning edition is out', () => {
    assert.equal(editionTime(new Date('2026-11-26T08:02:00Z')).toISOString(), '2026-11-26T08:00:00.000Z'); // 9:02 Paris
  });

  it('is the previous evening at 22:00 Paris time in the small hours', () => {
    assert.equal(editionTime(new Date('2026-11-26T01:30:00Z')).toISOString(), '2026-11-25T21:00:00.000Z'); // 2:30 Paris
    assert.equal(editionTime(new Date('2026-07-01T06:00:00Z')).toISOString(), '2026-06-30T20:00:00.000Z'); // 8:00 Paris, summer time
  });

  it("keeps the day's pépites on one Paris day and every article in the past, at any hour", () => {
    for (let hour = 0; hour < 24; hour += 1) {
      const now = new Date(Date.UTC(2026, 10, 26, hour, 17));
      const edition = editionTime(now);
      const published = ARTICLES.filter((a) => (a.status ?? 'published') === 'published');
      for (const article of published) assert.ok(resolveWhen(article.when, edition) <= now, `${article.key} à ${hour} h`);
      const pepites = published
        .filter((a) => a.format === 'pepite')
        .map((a) => resolveWhen(a.when, edition))
        .sort((a, b) => b.getTime() - a.getTime());
      const day = parisDay(pepites[0]);
      assert.ok(pepites.filter((d) => parisDay(d) === day).length >= 4, `pépites du jour à ${hour} h UTC`);
      const scheduled = ARTICLES.filter((a) => a.status === 'scheduled');
      for (const article of scheduled) assert.ok(resolveWhen(article.when, edition) > now, `${article.key} à ${hour} h`);
    }
  });
});
