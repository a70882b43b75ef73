import type { PageCache } from './page-cache.ts';

/** Past this many entries (a key per section, say), everything is forgotten and read again. */
const MAX_ENTRIES = 1_000;

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

  constructor(cache: PageCache) {
    this.#cache = cache;
    cache.onApplied((tags) => {
      for (const tag of tags) for (const key of this.#keysByTag.get(tag) ?? []) this.#forget(key);
    });
  }

  /**
   * The value kept under `key`, else `load()`'s, kept under the tags `tagsOf` gives for it unless
   * one of them was invalidated while it was being read (it could be older than that change).
   */
  async get<T>(key: string, tagsOf: (value: T) => readonly string[], load: () => Promise<T>): Promise<T> {
    const kept = this.#entries.get(key);
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
    const kept = this.#entries.get(key);
    if (kept) return kept.value as T;
    const since = this.#cache.generation;
    const value = await load();
    if (value !== undefined) this.#keep(key, value, tagsOf(value), since);
    return value;
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

  /** Keeps a value read since `since` under its tags, unless one of them changed meanwhile. */
  #keep(key: string, value: unknown, tags: readonly string[], since: number): void {
    if (tags.length === 0) throw new Error(`memo ${key}: no tag would ever drop it`);
    if (this.#cache.isStale(tags, since) || this.#entries.has(key)) return;
    if (this.#entries.size >= MAX_ENTRIES) this.clear();
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
