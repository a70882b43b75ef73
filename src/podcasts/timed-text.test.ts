import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChaptersError, chaptersJson, chaptersToText, parseChapters } from './chapters.ts';
import { cuesToWebVtt, parseTimedText, TimedTextError } from './timed-text.ts';

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof TimedTextError || error instanceof ChaptersError) return error.problems;
    throw error;
  }
  assert.fail('expected an error');
};

describe('transcripts (WebVTT, SRT)', () => {
  it('reads WebVTT cues as plain text, markup removed', () => {
    const cues = parseTimedText('WEBVTT\n\n00:00.000 --> 00:02.500\n<v Hugo>Bonjour <b>à</b> tous\n\n00:03.000 --> 00:05.000\nSuite\n');
    assert.deepEqual(cues, [
      { start: 0, end: 2.5, text: 'Bonjour à tous' },
      { start: 3, end: 5, text: 'Suite' },
    ]);
  });

  it('reads SRT through the same parser', () => {
    const srt = '1\r\n00:00:01,000 --> 00:00:02,000\r\nPremière ligne\r\n\r\n2\r\n00:00:02,500 --> 00:00:04,000\r\nDeuxième\r\n';
    assert.deepEqual(parseTimedText(srt), [
      { start: 1, end: 2, text: 'Première ligne' },
      { start: 2.5, end: 4, text: 'Deuxième' },
    ]);
  });

  it('names each problem of a broken file in French, with its line', () => {
    assert.match(
      problemsOf(() => parseTimedText('WEBVT\n\n00:00.000 --> 00:01.000\nx'))[0],
      /^ligne 1 : le fichier doit commencer par « WEBVTT »/,
    );
    const reversed = problemsOf(() => parseTimedText('WEBVTT\n\n00:05.000 --> 00:01.000\nx\n'));
    assert.match(reversed[0], /ligne 3 : la fin d’un sous-titre doit suivre son début/);
    const garbled = problemsOf(() => parseTimedText('WEBVTT\n\n00:0a.000 --> 00:01.000\nx\n'));
    assert.ok(
      garbled.every((p) => /^ligne \d+ : /.test(p)),
      garbled.join(' | '),
    );
    assert.deepEqual(
      problemsOf(() => parseTimedText('bonjour')),
      ['ligne 1 : le fichier doit commencer par « WEBVTT » (ou être un fichier SRT)'],
    );
  });

  it('refuses cues out of order and past the end of the recording', () => {
    const vtt = 'WEBVTT\n\n00:10.000 --> 00:12.000\na\n\n00:02.000 --> 00:03.000\nb\n\n00:40.000 --> 01:10.000\nc\n';
    const problems = problemsOf(() => parseTimedText(vtt, 60));
    assert.ok(
      problems.some((p) => p === 'ligne 6 : ce sous-titre commence avant le précédent'),
      problems.join(' | '),
    );
    assert.ok(
      problems.some((p) => p.startsWith('sous-titre 3 : finit à 1:10, après la fin de l’enregistrement (1:00)')),
      problems.join(' | '),
    );
  });

  it('writes cues back as WebVTT that reads the same, text escaped', () => {
    const cues = [{ start: 1.5, end: 3723.25, text: 'Un <script> & « guillemets » --> fin' }];
    const vtt = cuesToWebVtt(cues);
    assert.match(vtt, /^WEBVTT\n\n00:00:01\.500 --> 01:02:03\.250\nUn &lt;script&gt; &amp; « guillemets » --&gt; fin\n$/);
    assert.deepEqual(parseTimedText(vtt), [{ start: 1.5, end: 3723.25, text: 'Un <script> & « guillemets » --> fin' }]);
  });
});

describe('chapters', () => {
  it('reads "time title" lines, with or without hours and dashes', () => {
    const chapters = parseChapters('0:00 Introduction\n\n04:30 — Le cœur du sujet\n1:02:05 - Conclusion', 4000);
    assert.deepEqual(chapters, [
      { start: 0, title: 'Introduction' },
      { start: 270, title: 'Le cœur du sujet' },
      { start: 3725, title: 'Conclusion' },
    ]);
    assert.equal(chaptersToText(chapters), '0:00 Introduction\n4:30 Le cœur du sujet\n1:02:05 Conclusion');
    assert.deepEqual(JSON.parse(chaptersJson(chapters, 'Épisode')), {
      version: '1.2.0',
      title: 'Épisode',
      chapters: [
        { startTime: 0, title: 'Introduction' },
        { startTime: 270, title: 'Le cœur du sujet' },
        { startTime: 3725, title: 'Conclusion' },
      ],
    });
  });

  it('refuses chapters out of order, past the end, without title or time', () => {
    const problems = problemsOf(() => parseChapters('0:00 Début\n5:00 Milieu\n3:00 Retour\n9:00 Trop tard\nsans temps\n2:00', 480));
    assert.deepEqual(problems, [
      'ligne 3 : les chapitres doivent se suivre dans l’ordre (3:00 après 5:00)',
      'ligne 4 : 9:00 est après la fin de l’enregistrement (8:00)',
      'ligne 5 : « temps titre » attendu, par exemple « 12:10 Le débat »',
      'ligne 6 : le chapitre n’a pas de titre',
    ]);
    assert.match(problemsOf(() => parseChapters('0:75 Impossible', null))[0], /ligne 1 : temps impossible/);
  });
});
