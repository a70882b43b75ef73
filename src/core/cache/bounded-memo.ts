/**
 * The results of a pure function, by a key that names every input it reads, the last `capacity`
 * kept (the oldest forgotten first). For renders that are the same wherever they appear (a
 * picture's markup, a headline's typography, a stored body's document, an instant's Paris time): nothing to invalidate, since a changed input is a
 * different key. Bounded in entries, not bytes: callers keep only values of bounded size.
 */
export class BoundedMemo<V> {
  readonly #capacity: number;
  readonly #values = new Map<string, V>();

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacité invalide : ${capacity}`);
    this.#capacity = capacity;
  }

  /** The value kept under `key`, else `compute()`'s, then kept. */
  get(key: string, compute: () => V): V {
    const kept = this.#values.get(key);
    if (kept !== undefined) return kept;
    const value = compute();
    if (this.#values.size >= this.#capacity) this.#values.delete(this.#values.keys().next().value as string);
    this.#values.set(key, value);
    return value;
  }

  /** How many values are kept. */
  get size(): number {
    return this.#values.size;
  }

  clear(): void {
    this.#values.clear();
  }
}

/**
 * Values kept with an object that does not change (a site chrome, a frozen teaser), by a key
 * naming the other inputs: they live as long as the object and are collected with it, so nothing
 * is invalidated (a change makes another object). For renders of parts of a page.
 */
export class OwnedMemo<O extends object, V> {
  readonly #byOwner = new WeakMap<O, Map<string, V>>();

  /** The value kept with `owner` under `key`, else `compute()`'s, then kept. */
  get(owner: O, key: string, compute: () => V): V {
    let values = this.#byOwner.get(owner);
    if (!values) {
      values = new Map();
      this.#byOwner.set(owner, values);
    }
    let value = values.get(key);
    if (value === undefined) {
      value = compute();
      values.set(key, value);
    }
    return value;
  }
}
