import type { PostgresCursor, PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

// PostgreSQL through pg, tuned for a site that sends the same few hundred SQL texts again and
// again (measured in bench/engines.ts): statements are prepared once per connection and reused by
// name, so the server skips parsing and, once it settles on a generic plan, planning; values come
// back in the shapes SQLite gives (ISO strings, numbers) without going through Date for each one.

const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/** Texts that get a name, across the process; past it, a new text is sent unnamed (parsed each time). */
const MAX_NAMED_STATEMENTS = 500;
/** How many distinct texts are counted before the count starts again. */
const MAX_COUNTED_TEXTS = 5_000;
/** A text is named on its second use: one-off statements (migrations, seeds, reports) stay unnamed. */
const USES_BEFORE_NAMING = 2;

/** "2026-12-03 17:09:07.123456+00", what PostgreSQL sends for a timestamptz in a UTC session. */
const UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

/**
 * A timestamptz as the ISO string `new Date(value).toISOString()` gives (milliseconds, "Z"), read
 * from the text directly when the session is in UTC (it is: see openPostgresPool), else through Date.
 */
export function parseTimestamptz(value: string): string {
  const utc = UTC_TIMESTAMP.exec(value);
  if (!utc) return new Date(value).toISOString();
  const fraction = utc[3] ?? '';
  return `${utc[1]}T${utc[2]}.${fraction.length >= 3 ? fraction.slice(0, 3) : fraction.padEnd(3, '0')}Z`;
}

/** PostgreSQL values parsed to the same JS shapes SQLite gives: ISO strings and numbers; pg's own parser for the rest. */
function typeParser(types: typeof pg.types) {
  return (oid: number, format?: string): ((value: string) => unknown) => {
    if (oid === TIMESTAMPTZ_OID) return parseTimestamptz;
    if (oid === TIMESTAMP_OID) return (v) => new Date(v).toISOString();
    if (oid === INT8_OID) return Number;
    return types.getTypeParser(oid, format as 'text');
  };
}

/** Names statements by their text, the same name on every connection. */
export class StatementNames {
  readonly #names = new Map<string, string>();
  readonly #uses = new Map<string, number>();

  /** The statement's name, or undefined while it is still to be sent unnamed. */
  nameOf(text: string): string | undefined {
    const known = this.#names.get(text);
    if (known !== undefined) return known;
    if (this.#names.size >= MAX_NAMED_STATEMENTS || !/^\s*(select|insert|update|delete|with)\b/i.test(text)) return undefined;
    const uses = (this.#uses.get(text) ?? 0) + 1;
    if (uses < USES_BEFORE_NAMING) {
      if (this.#uses.size >= MAX_COUNTED_TEXTS) this.#uses.clear();
      this.#uses.set(text, uses);
      return undefined;
    }
    this.#uses.delete(text);
    const name = `kiosque_${this.#names.size}`;
    this.#names.set(text, name);
    return name;
  }
}

/**
 * The session's settings. `plan_cache_mode=force_generic_plan`: a prepared statement is planned once
 * for any values, not again at each execution. With PostgreSQL's default, the pages' statements
 * (a listing's window, the article's parts) kept custom plans, planned anew at every request: on
 * the demo, 0.2 ms of planning for 0.04 ms of execution. Every hot statement's generic plan is held
 * by the query-plan tests on a generated archive (test/support/query-plans.ts explains it as it
 * runs); docs/decisions/0008-generic-plans.md has the figures.
 */
const SESSION_OPTIONS = '-c TimeZone=UTC -c plan_cache_mode=force_generic_plan';

/**
 * In a statement's text, asks for a plan made for its values, at each execution: for statements
 * whose best plan depends on them, such as a full-text match (a rare word is found through the
 * index, a common one by walking the newest articles). Without it, a generic plan for a search
 * walked the whole archive for a rare word (0.5 s on 100,000 articles, against 4 ms). A comment,
 * so SQLite would ignore it; put in by the search's match (search/search-repository.ts pgQuery).
 */
export const CUSTOM_PLAN_MARK = '/* kiosque:custom-plan */';

/** Runs a statement that carries CUSTOM_PLAN_MARK with custom plans, then gives the session its mode back. */
async function withCustomPlan<T>(client: pg.PoolClient, run: () => Promise<T>): Promise<T> {
  await client.query('set plan_cache_mode = force_custom_plan');
  try {
    return await run();
  } finally {
    // In a transaction the statement failed, the reset fails too, and the rollback undoes the set.
    await client.query('reset plan_cache_mode').catch(() => {});
  }
}

/** PostgreSQL's answer when a prepared statement's result columns changed under it (a migration ran). */
const CACHED_PLAN_CHANGED = '0A000';

/**
 * Kysely's pool over pg's, preparing repeated statements by name. A connection whose prepared
 * statement no longer fits the schema answers the query unnamed and is closed when released.
 */
function preparingPool(pool: pg.Pool, names: StatementNames): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let stale = false;
    const query = (text: string, parameters: readonly unknown[]) =>
      text.includes(CUSTOM_PLAN_MARK) ? withCustomPlan(client, () => namedQuery(text, parameters)) : namedQuery(text, parameters);
    const namedQuery = async (text: string, parameters: readonly unknown[]) => {
      const name = stale ? undefined : names.nameOf(text);
      if (name === undefined) return client.query(text, parameters as unknown[]);
      try {
        return await client.query({ name, text, values: parameters as unknown[] });
      } catch (error) {
        if ((error as { code?: string }).code !== CACHED_PLAN_CHANGED) throw error;
        stale = true;
        return client.query(text, parameters as unknown[]);
      }
    };
    return {
      query: ((textOrCursor: string | PostgresCursor<unknown>, parameters?: readonly unknown[]) =>
        typeof textOrCursor === 'string'
          ? query(textOrCursor, parameters ?? [])
          : client.query(textOrCursor as unknown as pg.Submittable)) as unknown as PostgresPoolClient['query'],
      release: () => client.release(stale),
    };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

/**
 * pg's pool for the URL, seen through Kysely's pool interface. pg is loaded here, with the first
 * query: the server bundle writes this module in, and a static import would load pg at every
 * start, on SQLite too.
 */
export async function openPostgresPool(databaseUrl: string, poolSize: number): Promise<PostgresPool> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    // Timestamps come back in UTC whatever the server's default, so they are read without Date;
    // statements are planned once per connection (SESSION_OPTIONS). A URL with its own session
    // options keeps them instead.
    options: new URL(databaseUrl).searchParams.has('options') ? undefined : SESSION_OPTIONS,
    types: { getTypeParser: typeParser(pg.types) as typeof pg.types.getTypeParser },
  });
  // An idle client whose connection the server ends (restart, dropped test database) must not crash the process.
  pool.on('error', (error) => process.emitWarning(`PostgreSQL: ${error.message}`));
  return preparingPool(pool, new StatementNames());
}
