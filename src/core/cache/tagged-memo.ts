import type { PageCache } from './page-cache.ts';

/**
 * Past this many entries, the one used least recently is forgotten. A key per section or per page
 * of related articles, and one per article shown in a card (a teaser): a crawler walking the archive
 * pushes out old articles' teasers, not the front page's lists read on every render.
 */
const DEFAULT_CAPACITY = 2_000;

/**
 * Entries of the memo of rendered fragments (AppContext.fragments): enough for the articles read
 * at a given time (front page, most read), a few MB at most where an entry weighs tens of KB.
 */
export const FRAGMENTS_KEPT = 256;

/**
 * Values read from the database for every page that change rarely (the front page's dossiers and
 * series, the section list), kept in memory under the same content tags as the pages showing them.
 * An entry is dropped whenever one of its tags is invalidated, in this process or, through the
 * invalidation bus, in another (PageCache.onApplied), so a change shows on the next render, as it
 * would through the page cache. Works with the page cache off too: only the renders are cheaper.
 */
export class TaggedMemo {
  readonly #cache: PageCache;
  readonly #entries = new Map<string, { value: unknown; tags: readonly string[] }>();
  readonly #keysByTag = new Map<string, Set<string>>();
  readonly #capacity: number;

  constructor(cache: PageCache, capacity = DEFAULT_CAPACITY) {
    if (!(capacity >= 1)) throw new RangeError(`memo capacity ${capacity}: at least 1`);
    this.#cache = cache;
    this.#capacity = capacity;
    cache.onApplied((tags) => {
      for (const tag of tags) for (const key of this.#keysByTag.get(tag) ?? []) this.#forget(key);
    });
  }

  /**
   * The value kept under `key`, else `load()`'s, kept under the tags `tagsOf` gives for it unless
   * one of them was invalidated while it was being read (it could be older than that change).
   */
  async get<T>(key: string, tagsOf: (value: T) => readonly string[], load: () => Promise<T>): Promise<T> {
    const kept = this.#used(key);
    if (kept) return kept.value as T;
    const since = this.#cache.generation;
    const value = await load();
    this.#keep(key, value, tagsOf(value), since);
    return value;
  }

  /**
   * As get, for a lookup that may find nothing (a section by its address, say): what is found is
   * kept under its tags, nothing found is read again each time (no tag would drop a miss when the
   * thing is created, and the keys of misses would be whatever a visitor types).
   */
  async getIfFound<T>(key: string, tagsOf: (value: T) => readonly string[], load: () => Promise<T | undefined>): Promise<T | undefined> {
    const kept = this.#used(key);
    if (kept) return kept.value as T;
    const since = this.#cache.generation;
    const value = await load();
    if (value !== undefined) this.#keep(key, value, tagsOf(value), since);
    return value;
  }

  /**
   * As getIfFound for several keys at once (the articles of a listing page): the values kept are
   * taken, the others read together by one `load(missing)`, which answers for each missing key in
   * order (undefined: not found, not kept). Returned in the order of `keys`.
   */
  async getEach<T>(
    keys: readonly string[],
    tagsOf: (value: T) => readonly string[],
    load: (missing: string[]) => Promise<(T | undefined)[]>,
  ): Promise<(T | undefined)[]> {
    const values = keys.map((key) => this.#used(key)?.value as T | undefined);
    const missing = [...new Set(keys.filter((_, i) => values[i] === undefined))];
    if (missing.length === 0) return values;
    const since = this.#cache.generation;
    const loaded = await load(missing);
    const byKey = new Map<string, T>();
    for (const [i, key] of missing.entries()) {
      const value = loaded[i];
      if (value === undefined) continue;
      byKey.set(key, value);
      this.#keep(key, value, tagsOf(value), since);
    }
    return keys.map((key, i) => values[i] ?? byKey.get(key));
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries.clear();
    this.#keysByTag.clear();
  }

  /** How many values are kept (for tests). */
  get size(): number {
    return this.#entries.size;
  }

  /** The entry kept under `key`, now the most recently used (a Map iterates in insertion order). */
  #used(key: string): { value: unknown; tags: readonly string[] } | undefined {
    const kept = this.#entries.get(key);
    if (kept) {
      this.#entries.delete(key);
      this.#entries.set(key, kept);
    }
    return kept;
  }

  /** Keeps a value read since `since` under its tags, unless one of them changed meanwhile. */
  #keep(key: string, value: unknown, tags: readonly string[], since: number): void {
    if (tags.length === 0) throw new Error(`memo ${key}: no tag would ever drop it`);
    if (this.#cache.isStale(tags, since) || this.#entries.has(key)) return;
    if (this.#entries.size >= this.#capacity) this.#forget(this.#entries.keys().next().value as string);
    this.#entries.set(key, { value, tags });
    for (const tag of tags) {
      let keys = this.#keysByTag.get(tag);
      if (!keys) {
        keys = new Set();
        this.#keysByTag.set(tag, keys);
      }
      keys.add(key);
    }
  }

  #forget(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.#keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.#keysByTag.delete(tag);
    }
  }
}

/** `memo.get(…)` when there is a memo (a request's render), else `load()` (a job, a test reading fresh values). */
export function memoized<T>(
  memo: TaggedMemo | undefined,
  key: string,
  tagsOf: (value: T) => readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  return memo ? memo.get(key, tagsOf, load) : load();
}
