import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, gzip, gzipSync, constants as zlibConstants } from 'node:zlib';

/** A rendered page kept in memory, ready to send in each encoding. */
export interface CachedPage {
  status: number;
  headers: Record<string, string>;
  identity: Buffer;
  /** Absent for content that does not compress (fonts, images). */
  gzip?: Buffer;
  br?: Buffer;
  /**
   * Set on pages whose compressed encodings are made on first demand (makeCachedPage's
   * `compress: 'on-demand'`): each one once, in the thread pool, at `level`, the promise kept
   * here meanwhile.
   */
  onDemand?: { level: CompressionLevel; making: Partial<Record<PageEncoding, Promise<Buffer>>> };
  etag: string;
  tags: readonly string[];
}

/** The compressed encodings a page may be sent in. */
export type PageEncoding = 'br' | 'gzip';

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
  private readonly appliedListeners: ((tags: string[], local: boolean) => void)[] = [];
  /** Counts invalidations (local or from other processes); a render notes it when it starts. */
  private generationCounter = 0;
  /** The generation of the last invalidation of each tag, to refuse pages rendered before it. */
  private readonly invalidatedAt = new Map<string, number>();
  /** Pages whose render started before this generation are refused (the map above was trimmed). */
  private floor = 0;
  private hits = 0;
  private misses = 0;

  constructor(options: PageCacheOptions) {
    this.enabled = options.enabled;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** Returns the page for key and marks it recently used. */
  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (page) {
      this.hits++;
      this.pages.delete(key);
      this.pages.set(key, page);
    } else this.misses++;
    return page;
  }

  /**
   * The current invalidation generation. A responder notes it before it reads anything for a
   * page and passes it to `set`, which refuses the page if one of its tags was invalidated since.
   */
  get generation(): number {
    return this.generationCounter;
  }

  /**
   * Stores a page under key, indexed by its tags (the site tag is always added), unless one of
   * its tags was invalidated after `renderedSince` (the generation noted when its render began):
   * such a page may show content older than that change and would then never be dropped.
   * Returns whether the page was stored.
   */
  set(key: string, page: CachedPage, renderedSince: number = this.generationCounter): boolean {
    if (!this.enabled) return false;
    if (this.isStale(page.tags, renderedSince)) return false;
    this.delete(key);
    this.pages.set(key, page);
    holders.set(page, this);
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
    return true;
  }

  /** True when one of the tags was invalidated after the given generation: `set` would refuse such a page. */
  isStale(tags: readonly string[], renderedSince: number): boolean {
    if (renderedSince < this.floor) return true;
    for (const tag of tags) if ((this.invalidatedAt.get(tag) ?? 0) > renderedSince) return true;
    return false;
  }

  /**
   * Drops every page that shows any of the given tags; returns how many were dropped. Listeners
   * (the cross-process invalidation bus) hear about it, so other processes drop theirs too.
   */
  invalidate(tags: Iterable<string>): number {
    const list = [...tags];
    for (const listener of this.listeners) listener(list);
    return this.apply(list, true);
  }

  /** Invalidation that came from another process: applied here, not broadcast again. */
  invalidateLocally(tags: Iterable<string>): number {
    return this.apply([...tags], false);
  }

  private apply(tags: string[], local: boolean): number {
    for (const listener of this.appliedListeners) listener(tags, local);
    let dropped = 0;
    const generation = ++this.generationCounter;
    // One entry per content item ever changed; past this many, forget them all and refuse
    // every render that started before now instead (rare, and only costs a re-render).
    if (this.invalidatedAt.size > MAX_REMEMBERED_TAGS) {
      this.invalidatedAt.clear();
      this.floor = generation;
    }
    for (const tag of tags) {
      this.invalidatedAt.set(tag, generation);
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

  /**
   * Calls listener with the tags of every invalidation applied here, made in this process (local)
   * or heard from another: the HTTP caches in front (core/cache/http-cache-purge.ts) drop the same.
   */
  onApplied(listener: (tags: string[], local: boolean) => void): void {
    this.appliedListeners.push(listener);
  }

  clear(): void {
    this.pages.clear();
    this.keysByTag.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.pages.size;
  }

  /** Bytes held, all encodings together. */
  get byteSize(): number {
    return this.bytes;
  }

  /** Lookups answered from the cache and not, since start (for the metrics). */
  get lookups(): { hits: number; misses: number } {
    return { hits: this.hits, misses: this.misses };
  }

  has(key: string): boolean {
    return this.pages.has(key);
  }

  /** An encoding of a page it holds was made after the page was stored (encodedBody): counted from now on. */
  grew(bytes: number): void {
    this.bytes += bytes;
  }

  private delete(key: string): boolean {
    const page = this.pages.get(key);
    if (!page) return false;
    this.pages.delete(key);
    if (holders.get(page) === this) holders.delete(page);
    this.bytes -= pageBytes(page);
    for (const tag of page.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys && keys.size === 0) this.keysByTag.delete(tag);
    }
    return true;
  }
}

const MAX_REMEMBERED_TAGS = 100_000;

/** The cache holding each stored page, told when an encoding made on demand adds to its bytes. */
const holders = new WeakMap<CachedPage, PageCache>();

function pageBytes(page: CachedPage): number {
  return page.identity.length + (page.gzip?.length ?? 0) + (page.br?.length ?? 0);
}

/** The tags a page is kept and purged under: its own and the site tag, each once. */
export function pageTags(tags: Iterable<string>): string[] {
  return [...new Set([SITE_TAG, ...tags])];
}

/**
 * Compression levels: `kept`, for a page that stays in the cache a while (the best bytes for the
 * time); `fast`, for one that will not live long (a page re-rendered seconds after its previous
 * render, one sent once and kept by no cache): brotli 4 is about ten times faster than 8 on an
 * article page, for about 6 % more bytes.
 */
export const COMPRESSION = { kept: { gzip: 8, br: 8 }, fast: { gzip: 6, br: 4 } } as const;
export type CompressionLevel = keyof typeof COMPRESSION;
export const gzipOptions = (level: CompressionLevel) => ({ level: COMPRESSION[level].gzip });
export const brotliOptions = (level: CompressionLevel, size: number) => ({
  params: { [zlibConstants.BROTLI_PARAM_QUALITY]: COMPRESSION[level].br, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: size },
});
const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Builds a cache entry with a strong ETag. Compressed once in gzip and brotli, at once (`compress`
 * true, the default), or each encoding on first demand (`'on-demand'`, see encodedBody, at `level`,
 * `kept` unless told); `false` for content that does not compress (fonts, images).
 */
export function makeCachedPage(
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
  tags: Iterable<string>,
  options: { compress?: boolean | 'on-demand'; level?: CompressionLevel } = {},
): CachedPage {
  const identity = typeof body === 'string' ? Buffer.from(body) : body;
  const etag = strongEtag(identity);
  if (options.compress === false) return { status, headers, identity, etag, tags: pageTags(tags) };
  if (options.compress === 'on-demand')
    return { status, headers, identity, onDemand: { level: options.level ?? 'kept', making: {} }, etag, tags: pageTags(tags) };
  return {
    status,
    headers,
    identity,
    gzip: gzipSync(identity, gzipOptions('kept')),
    br: brotliCompressSync(identity, brotliOptions('kept', identity.length)),
    etag,
    tags: pageTags(tags),
  };
}

/**
 * The page's bytes in an encoding: at once when made (identity always is), else a promise. An
 * encoding made on demand is compressed once, the first time a client asks for it, in the thread
 * pool: a page re-rendered after each comment posted (about 4 ms of compression for both
 * encodings of an article page) no longer holds the event loop, and gzip, which browsers no
 * longer pick, is made only if a client wants it. At the page's level: the kept one gives the
 * bytes makeCachedPage makes at once.
 */
export function encodedBody(page: CachedPage, encoding: PageEncoding | 'identity'): Buffer | Promise<Buffer> {
  if (encoding === 'identity') return page.identity;
  const made = page[encoding];
  if (made) return made;
  if (!page.onDemand) return page.identity;
  const { level } = page.onDemand;
  let making = page.onDemand.making[encoding];
  if (!making) {
    const identity = page.identity;
    making = (
      encoding === 'br' ? brotliAsync(identity, brotliOptions(level, identity.length)) : gzipAsync(identity, gzipOptions(level))
    ).then((bytes) => {
      page[encoding] = bytes;
      holders.get(page)?.grew(bytes.length);
      return bytes;
    });
    page.onDemand.making[encoding] = making;
  }
  return making;
}

/** A strong ETag derived from the bytes. */
export function strongEtag(bytes: Buffer): string {
  return `"${createHash('sha1').update(bytes).digest('base64url').slice(0, 22)}"`;
}
