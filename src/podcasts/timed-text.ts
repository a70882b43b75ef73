/**
 * Transcripts and captions: WebVTT or SRT, uploaded or typed, read by the `webvtt-parser` library
 * (the W3C validator's parser, which reports each error with its line) and stored as plain cues.
 * SRT differs from WebVTT only by its header and the comma before milliseconds: it is turned into
 * WebVTT line by line, so both go through the one strict parser.
 */
import webvtt from 'webvtt-parser';

/** One cue: seconds from the start, and its text without markup. */
export interface Cue {
  start: number;
  end: number;
  text: string;
}

/** A file that cannot be read as timed text: French messages, each naming its line. */
export class TimedTextError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems[0]);
    this.problems = problems;
  }
}

/** At most this many characters (a three-hour talk transcribed is about 200,000). */
export const TIMED_TEXT_MAX_LENGTH = 500_000;

// The parser's messages, in French (anything not listed is named generically with its line).
const FRENCH: Readonly<Record<string, string>> = {
  'No valid signature. (File needs to start with "WEBVTT".)': 'le fichier doit commencer par « WEBVTT » (ou être un fichier SRT)',
  'No blank line after the signature.': 'une ligne vide doit suivre « WEBVTT »',
  'Cue identifier cannot be standalone.': 'un identifiant de sous-titre n’est suivi d’aucun horodatage',
  'Cue identifier needs to be followed by timestamp.': 'horodatage attendu (00:00:00.000 --> 00:00:02.000)',
  'Blank line missing before cue.': 'une ligne vide doit séparer deux sous-titres',
  'No timestamp found.': 'horodatage manquant',
  'Timestamp must start with a character in the range 0-9.': 'horodatage mal formé (un chiffre est attendu)',
  'No time unit separator found.': 'horodatage mal formé (« : » manquant)',
  'Must be exactly two digits.': 'horodatage mal formé (deux chiffres attendus)',
  'No seconds found or minutes is greater than 59.': 'horodatage mal formé (secondes manquantes ou plus de 59 minutes)',
  'No decimal separator (".") found.': 'horodatage mal formé (« . » avant les millièmes manquant)',
  'Milliseconds must be given in three digits.': 'les millièmes de seconde s’écrivent avec trois chiffres',
  'You cannot have more than 59 minutes.': 'plus de 59 minutes dans un horodatage',
  'You cannot have more than 59 seconds.': 'plus de 59 secondes dans un horodatage',
  'End timestamp is not greater than start timestamp.': 'la fin d’un sous-titre doit suivre son début',
  "Timestamp not separated from '-->' by whitespace.": 'espace attendue autour de « --> »',
  "'-->' not found.": '« --> » manquant entre le début et la fin',
  'Start timestamp is not greater than or equal to start timestamp of previous cue.': 'ce sous-titre commence avant le précédent',
};

// The library's default table lacks the forms with ";" ("&lt;" came out as "<;"): the entities
// WebVTT text uses, both ways.
const ENTITIES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({ amp: '&', lt: '<', gt: '>', lrm: '\u200e', rlm: '\u200f', nbsp: '\u00a0' }).flatMap(([name, char]) => [
    [`&${name}`, char],
    [`&${name};`, char],
  ]),
);

const SRT_TIMING = /^(\d{1,2}:\d{2}:\d{2}),(\d{3})\s*-->\s*(\d{1,2}:\d{2}:\d{2}),(\d{3})(.*)$/;

/** SRT → WebVTT: the header, and "," → "." in timings. Text that is already WebVTT is returned as is. */
function toWebVtt(source: string): string {
  const text = source.replace(/^\uFEFF/, '');
  if (/^WEBVTT/.test(text)) return text;
  const lines = text.split(/\r\n|\r|\n/);
  const looksSrt = lines.some((line) => SRT_TIMING.test(line.trim()));
  if (!looksSrt) return text;
  const out = ['WEBVTT', ''];
  for (const line of lines) {
    const m = SRT_TIMING.exec(line.trim());
    out.push(m ? `${m[1]}.${m[2]} --> ${m[3]}.${m[4]}${m[5]}` : line);
  }
  return out.join('\n');
}

interface CueNode {
  type: string;
  value?: string;
  children?: CueNode[];
}

function plainText(node: { children?: CueNode[] }): string {
  return (node.children ?? []).map((child) => (child.type === 'text' ? (child.value ?? '') : plainText(child))).join('');
}

/**
 * Reads WebVTT or SRT into cues; throws a TimedTextError listing what is wrong (at most five
 * problems, each with its line: a cue starting before the previous one is one) and, when
 * `durationSeconds` is known, when a cue ends after the recording.
 */
export function parseTimedText(source: string, durationSeconds: number | null = null): Cue[] {
  if (source.length > TIMED_TEXT_MAX_LENGTH) {
    throw new TimedTextError([`fichier trop long (${TIMED_TEXT_MAX_LENGTH.toLocaleString('fr-FR')} caractères au plus)`]);
  }
  const parser = new webvtt.WebVTTParser(ENTITIES);
  const tree = parser.parse(toWebVtt(source), 'metadata');
  const problems = tree.errors.map((e) => `ligne ${e.line} : ${FRENCH[e.message] ?? `erreur de format (${e.message})`}`);
  const cues: Cue[] = tree.cues.map((cue) => ({
    start: cue.startTime,
    end: cue.endTime,
    text: plainText(cue.tree).replace(/\s+/g, ' ').trim(),
  }));
  if (problems.length === 0 && cues.length === 0) problems.push('aucun sous-titre horodaté dans le fichier');
  cues.forEach((cue, i) => {
    if (durationSeconds !== null && cue.end > durationSeconds + 0.5) {
      problems.push(
        `sous-titre ${i + 1} : finit à ${formatClock(cue.end)}, après la fin de l’enregistrement (${formatClock(durationSeconds)})`,
      );
    }
  });
  if (problems.length) throw new TimedTextError(problems.slice(0, 5));
  return cues.filter((cue) => cue.text !== '');
}

function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}

/** Cues written back as WebVTT (text escaped: a cue is plain text here). */
export function cuesToWebVtt(cues: readonly Cue[]): string {
  const escapeText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  // Escaping ">" also keeps "-->" out of cue text, where it is not allowed.
  const body = cues.map((cue) => `${vttTime(cue.start)} --> ${vttTime(cue.end)}\n${escapeText(cue.text)}`);
  return `WEBVTT\n\n${body.join('\n\n')}\n`;
}

/** "1:02:05" or "4:07": a position in a recording as players show it. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}
