import { STOP_WORDS, stemWord, words } from '../search/french-text.ts';

// Near-duplicate detection over French news items: each item is a TF-IDF vector of its stemmed,
// accent-folded words (the search feature's Snowball stems, so "grève", "grèves" and "Greve" are
// one term), the headline counting double; a new item joins the story of its most similar recent
// item when their cosine reaches the threshold. Candidates come from an inverted index, skipping
// terms too common to tell stories apart, so an item costs a few hundred comparisons at most.
// The thresholds are tuned on the labelled set in story-index.test.ts (precision and recall).

/** Cosine similarity from which two items tell the same story (tuned on the labelled set). */
export const SAME_STORY_THRESHOLD = 0.3;
/** Items further apart than this in time never join (a story is a matter of days). */
export const STORY_WINDOW_MS = 72 * 3600_000;
const HEADLINE_WEIGHT = 2;
// A term held by more than this share of the window's items (at least 50, at most 300 items) is
// not used to find candidates.
const COMMON_TERM_SHARE = 0.05;
const MIN_COMMON_TERM_DOCS = 50;
const MAX_TERM_DOCS = 300;
// At most this many of an item's rarest terms, and about this many earlier items, are looked at.
const MAX_CANDIDATE_TERMS = 12;
const MAX_CANDIDATES = 400;

/** The terms of an item and their weights (headline words twice). */
export function itemTerms(headline: string, summary: string): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const word of words(text)) {
      if (word.length < 2 && !/\d/.test(word)) continue;
      const stem = stemWord(word);
      if (STOP_WORDS.has(stem) || STOP_WORDS.has(word)) continue;
      terms.set(stem, (terms.get(stem) ?? 0) + weight);
    }
  };
  add(headline, HEADLINE_WEIGHT);
  add(summary, 1);
  return terms;
}

interface Doc {
  id: number;
  story: number;
  time: number;
  terms: Map<string, number>;
}

/** The best earlier item found for a new one, if any reached the threshold. */
export interface StoryMatch {
  itemId: number;
  story: number;
  score: number;
}

/** Recent items in memory, to find the story a new item belongs to. */
export class StoryIndex {
  readonly #threshold: number;
  readonly #windowMs: number;
  readonly #docs = new Map<number, Doc>();
  readonly #postings = new Map<string, Set<number>>();
  // Insertion order is roughly time order: eviction walks from the oldest.
  #order: number[] = [];
  #head = 0;
  #newest = 0;

  constructor(options: { threshold?: number; windowMs?: number } = {}) {
    this.#threshold = options.threshold ?? SAME_STORY_THRESHOLD;
    this.#windowMs = options.windowMs ?? STORY_WINDOW_MS;
  }

  get size(): number {
    return this.#docs.size;
  }

  has(id: number): boolean {
    return this.#docs.has(id);
  }

  /** The most similar item of the window for these terms, when similar enough. */
  match(terms: Map<string, number>, time: number): StoryMatch | null {
    const n = this.#docs.size;
    if (n === 0 || terms.size === 0) return null;
    const idf = (term: string) => Math.log(1 + n / (this.#postings.get(term)?.size ?? 0.5));
    const commonAbove = Math.max(MIN_COMMON_TERM_DOCS, Math.min(n * COMMON_TERM_SHARE, MAX_TERM_DOCS));
    // Candidates from the rarest terms first, until enough are found: an item's names and places
    // find its story; the words every story uses are not worth comparing on.
    const candidates = new Set<number>();
    const rare = [...terms.keys()]
      .map((term) => this.#postings.get(term))
      .filter((posting): posting is Set<number> => posting !== undefined && posting.size <= commonAbove)
      .sort((a, b) => a.size - b.size);
    for (const posting of rare.slice(0, MAX_CANDIDATE_TERMS)) {
      for (const id of posting) candidates.add(id);
      if (candidates.size >= MAX_CANDIDATES) break;
    }
    const idfs = new Map<string, number>();
    const query: [string, number][] = [];
    let queryNorm = 0;
    for (const [term, tf] of terms) {
      const weight = idf(term);
      idfs.set(term, weight);
      query.push([term, tf * weight * weight]);
      queryNorm += (tf * weight) ** 2;
    }
    queryNorm = Math.sqrt(queryNorm);
    let best: StoryMatch | null = null;
    for (const id of candidates) {
      const doc = this.#docs.get(id)!;
      if (Math.abs(doc.time - time) > this.#windowMs) continue;
      let dot = 0;
      for (const [term, factor] of query) {
        const tf = doc.terms.get(term);
        if (tf !== undefined) dot += factor * tf;
      }
      if (dot === 0) continue;
      let norm = 0;
      for (const [term, tf] of doc.terms) {
        let weight = idfs.get(term);
        if (weight === undefined) {
          weight = idf(term);
          idfs.set(term, weight);
        }
        norm += (tf * weight) ** 2;
      }
      const score = dot / (Math.sqrt(norm) * queryNorm);
      if (score >= this.#threshold && (!best || score > best.score)) best = { itemId: id, story: doc.story, score };
    }
    return best;
  }

  /** Adds an item of a known story; items older than the window (from the newest) are let go. */
  add(id: number, story: number, terms: Map<string, number>, time: number): void {
    if (this.#docs.has(id)) return;
    this.#docs.set(id, { id, story, time, terms });
    this.#order.push(id);
    for (const term of terms.keys()) {
      let posting = this.#postings.get(term);
      if (!posting) {
        posting = new Set();
        this.#postings.set(term, posting);
      }
      posting.add(id);
    }
    if (time > this.#newest) this.#newest = time;
    this.#evict();
  }

  #evict(): void {
    const limit = this.#newest - this.#windowMs;
    while (this.#head < this.#order.length) {
      const doc = this.#docs.get(this.#order[this.#head]!);
      if (doc && doc.time >= limit) break;
      this.#head++;
      if (!doc) continue;
      this.#docs.delete(doc.id);
      for (const term of doc.terms.keys()) {
        const posting = this.#postings.get(term);
        posting?.delete(doc.id);
        if (posting?.size === 0) this.#postings.delete(term);
      }
    }
    // Drop the evicted ids now and then rather than shifting the array at every eviction.
    if (this.#head > 4096 && this.#head * 2 > this.#order.length) {
      this.#order = this.#order.slice(this.#head);
      this.#head = 0;
    }
  }
}
