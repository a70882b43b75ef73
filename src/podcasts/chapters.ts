/**
 * Chapters of an episode, typed one per line as "12:10 Titre" (or "1:02:05 — Titre"), stored as
 * { start, title } and published as a Podcasting 2.0 JSON chapters file.
 */
import { formatClock } from './timed-text.ts';

export interface Chapter {
  /** Seconds from the start. */
  start: number;
  title: string;
}

const LINE = /^\s*(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?\s*(?:[—–-]\s*)?(.*)$/;

/** A chapters problem: French messages, one per bad line. */
export class ChaptersError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems[0]);
    this.problems = problems;
  }
}

/**
 * Reads typed chapters; throws a ChaptersError on a line that is not "temps titre", on times out of
 * order, and (when the duration is known) on a time past the end of the recording.
 */
export function parseChapters(text: string, durationSeconds: number | null): Chapter[] {
  const problems: string[] = [];
  const chapters: Chapter[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    const m = LINE.exec(raw);
    if (!m) {
      problems.push(`ligne ${line} : « temps titre » attendu, par exemple « 12:10 Le débat »`);
      return;
    }
    const [, h, mm, ss, frac, rest] = m;
    const minutes = Number(mm);
    const seconds = Number(ss);
    if (seconds > 59 || (h !== undefined && minutes > 59)) {
      problems.push(`ligne ${line} : temps impossible (${raw.trim().split(/\s/)[0]})`);
      return;
    }
    const title = rest.trim();
    if (!title) {
      problems.push(`ligne ${line} : le chapitre n’a pas de titre`);
      return;
    }
    if (title.length > 200) {
      problems.push(`ligne ${line} : titre trop long (200 caractères au plus)`);
      return;
    }
    const start = Number(h ?? 0) * 3600 + minutes * 60 + seconds + (frac ? Number(`0.${frac}`) : 0);
    const previous = chapters.at(-1);
    if (previous && start <= previous.start) {
      problems.push(
        `ligne ${line} : les chapitres doivent se suivre dans l’ordre (${formatClock(start)} après ${formatClock(previous.start)})`,
      );
    }
    if (durationSeconds !== null && start >= durationSeconds) {
      problems.push(`ligne ${line} : ${formatClock(start)} est après la fin de l’enregistrement (${formatClock(durationSeconds)})`);
    }
    chapters.push({ start, title });
  });
  if (chapters.length > 200) problems.push('200 chapitres au plus');
  if (problems.length) throw new ChaptersError(problems.slice(0, 5));
  return chapters;
}

/** Chapters as the form shows them again, one per line. */
export function chaptersToText(chapters: readonly Chapter[]): string {
  return chapters.map((c) => `${formatClock(c.start)} ${c.title}`).join('\n');
}

/** The Podcasting 2.0 JSON chapters document (github.com/Podcastindex-org/podcast-namespace, chapters). */
export function chaptersJson(chapters: readonly Chapter[], title: string): string {
  return JSON.stringify({
    version: '1.2.0',
    title,
    chapters: chapters.map((c) => ({ startTime: c.start, title: c.title })),
  });
}
