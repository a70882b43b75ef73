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
// A term held by more than this share of the window's items is not used to find candidates.
const COMMON_TERM_SHARE = 0.05;
const MIN_COMMON_TERM_DOCS = 50;

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
  readonly #order: number[] = [];
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
    const commonAbove = Math.max(MIN_COMMON_TERM_DOCS, n * COMMON_TERM_SHARE);
    const candidates = new Set<number>();
    for (const term of terms.keys()) {
      const posting = this.#postings.get(term);
      if (!posting || posting.size > commonAbove) continue;
      for (const id of posting) candidates.add(id);
    }
    let queryNorm = 0;
    const query = new Map<string, number>();
    for (const [term, tf] of terms) {
      const weight = tf * idf(term);
      query.set(term, weight);
      queryNorm += weight * weight;
    }
    queryNorm = Math.sqrt(queryNorm);
    let best: StoryMatch | null = null;
    for (const id of candidates) {
      const doc = this.#docs.get(id)!;
      if (Math.abs(doc.time - time) > this.#windowMs) continue;
      let dot = 0;
      let norm = 0;
      for (const [term, tf] of doc.terms) {
        const weight = tf * idf(term);
        norm += weight * weight;
        const q = query.get(term);
        if (q !== undefined) dot += q * weight;
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
    while (this.#order.length > 0) {
      const doc = this.#docs.get(this.#order[0]!);
      if (doc && doc.time >= limit) break;
      this.#order.shift();
      if (!doc) continue;
      this.#docs.delete(doc.id);
      for (const term of doc.terms.keys()) {
        const posting = this.#postings.get(term);
        posting?.delete(doc.id);
        if (posting?.size === 0) this.#postings.delete(term);
      }
    }
  }
}
