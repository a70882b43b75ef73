import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quoteReport, quoteVerdict } from './quote-guard.ts';

const ORIGINAL =
  'La mairie a interdit la circulation sur le pont après une inspection qui a relevé des fissures sur deux piles. Les travaux dureront au moins trois semaines, le temps d’une expertise complète.';

test('a summary in the editor’s own words shares no long run', () => {
  const report = quoteReport('Fermé pour des fissures, le pont attendra une expertise de plusieurs semaines.', ORIGINAL);
  assert.ok(report.longestRun < 4, String(report.longestRun));
  assert.equal(report.repeatedWords, 0);
  assert.equal(quoteVerdict(report, { warnWords: 20, blockWords: 40 }, false), 'ok');
});

test('a pasted sentence is found whatever its accents and case, and counted word by word', () => {
  const report = quoteReport(
    `Notre résumé. LA MAIRIE A INTERDIT LA CIRCULATION SUR LE PONT APRES UNE INSPECTION QUI A RELEVE DES FISSURES SUR DEUX PILES. Fin.`,
    ORIGINAL,
  );
  assert.equal(report.longestRun, 20);
  assert.match(report.longestText, /^la mairie a interdit .* deux piles$/);
  assert.equal(report.repeatedWords, 20);
  assert.equal(quoteVerdict(report, { warnWords: 15, blockWords: 40 }, false), 'warn');
  assert.equal(quoteVerdict(report, { warnWords: 10, blockWords: 15 }, false), 'block');
  assert.equal(quoteVerdict(report, { warnWords: 10, blockWords: 15 }, true), 'warn', 'an outlet that allows quoting is never blocked');
});
