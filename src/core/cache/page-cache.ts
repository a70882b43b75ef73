import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

/** A rendered page kept in memory, ready to send in each encoding. */
export interface CachedPage {
  status: number;
  headers: Record<string, string>;
  identity: Buffer;
  /** Absent for content that does not compress (fonts, images). */
  gzip?: Buffer;
  br?: Buffer;
  etag: string;
  tags: readonly string[];
}

export interface PageCacheOptions {
  enabled: boolean;
  /** Upper bound on the bytes held (all encodings); least recently used pages go first. */
  maxBytes?: number;
}

/**
 * Content tags name what a page shows, so a change invalidates exactly the pages that show it:
 * `article:12`, `section:3`, `person:4`, `tag:5`, `dossier:1`, `series:2`, `page:7`, `home`,
 * and `site` (publication settings and navigation, shown on every page).
 */
export const SITE_TAG = 'site';

/** In-memory page cache with tag-based invalidation and LRU eviction. */
export class PageCache {
  readonly enabled: boolean;
  private readonly maxBytes: number;
  private readonly pages = new Map<string, CachedPage>();
  private readonly keysByTag = new Map<string, Set<string>>();
  private bytes = 0;
  private readonly listeners: ((tags: string[]) => void)[] = [];

  constructor(options: PageCacheOptions) {
    this.enabled = options.enabled;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** Returns the page for key and marks it recently used. */
  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (page) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  /** Stores a page under key, indexed by its tags (the site tag is always added). */
  set(key: string, page: CachedPage): void {
    if (!this.enabled) return;
    this.delete(key);
    this.pages.set(key, page);
    this.bytes += pageBytes(page);
    for (const tag of page.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) {
        keys = new Set();
        this.keysByTag.set(tag, keys);
      }
      keys.add(key);
    }
    while (this.bytes > this.maxBytes && this.pages.size > 1) {
      const oldest = this.pages.keys().next().value as string;
      this.delete(oldest);
    }
  }

  /**
   * Drops every page that shows any of the given tags; returns how many were dropped. Listeners
   * (the cross-process invalidation bus) hear about it, so other processes drop theirs too.
   */
  invalidate(tags: Iterable<string>): number {
    const list = [...tags];
    for (const listener of this.listeners) listener(list);
    return this.invalidateLocally(list);
  }

  /** Invalidation that came from another process: applied here, not broadcast again. */
  invalidateLocally(tags: Iterable<string>): number {
    let dropped = 0;
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) if (this.delete(key)) dropped++;
    }
    return dropped;
  }

  /** Calls listener with the tags of every local invalidation. */
  onInvalidate(listener: (tags: string[]) => void): void {
    this.listeners.push(listener);
  }

  clear(): void {
    this.pages.clear();
    this.keysByTag.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.pages.size;
  }

  has(key: string): boolean {
    return this.pages.has(key);
  }

  private delete(key: string): boolean {
    const page = this.pages.get(key);
    if (!page) return false;
    this.pages.delete(key);
    this.bytes -= pageBytes(page);
    for (const tag of page.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys && keys.size === 0) this.keysByTag.delete(tag);
    }
    return true;
  }
}

function pageBytes(page: CachedPage): number {
  return page.identity.length + (page.gzip?.length ?? 0) + (page.br?.length ?? 0);
}

/** Builds a cache entry: compresses once (gzip and brotli) and derives a strong ETag. */
export function makeCachedPage(
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
  tags: Iterable<string>,
  options: { compress?: boolean } = {},
): CachedPage {
  const identity = typeof body === 'string' ? Buffer.from(body) : body;
  const etag = strongEtag(identity);
  if (options.compress === false) return { status, headers, identity, etag, tags: [...new Set([SITE_TAG, ...tags])] };
  return {
    status,
    headers,
    identity,
    gzip: gzipSync(identity, { level: 8 }),
    br: brotliCompressSync(identity, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 8, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length },
    }),
    etag,
    tags: [...new Set([SITE_TAG, ...tags])],
  };
}

/** A strong ETag derived from the bytes. */
export function strongEtag(bytes: Buffer): string {
  return `"${createHash('sha1').update(bytes).digest('base64url').slice(0, 22)}"`;
}
