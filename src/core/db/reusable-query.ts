import { type Compilable, type CompiledQuery, createQueryId } from 'kysely';
import type { Db } from './database.ts';

// Kysely builds and compiles every query anew: for the pages' larger statements (the front page's
// twelve lists in one UNION ALL, the related articles' per-tag reads) that costs as much CPU as
// SQLite spends running them. A statement whose shape is the same from one request to the next
// is built once per shape; later calls only put their values in its parameters.

/** Shapes kept per database handle; past this many, they are forgotten and built again. */
const MAX_SHAPES = 500;

/** A NUL byte can be in no value that reaches a statement (core/input/safe-text.ts refuses them). */
const MARK = '\u0000kiosque-value:';

interface Shape {
  query: CompiledQuery;
  /** The name of the value each parameter takes, undefined for a constant of the shape. */
  slots: (string | undefined)[];
}

/** True for the parameters of a shape being built (stand-ins, not values): tools that record statements skip it. */
export function holdsStandIns(parameters: readonly unknown[]): boolean {
  return parameters.some((p) => typeof p === 'string' && p.startsWith(MARK));
}

const shapesByDb = new WeakMap<Db, Map<string, Shape>>();

/**
 * Runs the statement `build` makes, building and compiling it only once per `shape` (a key naming
 * everything that changes its SQL text: which lists, how many ids…). `build` receives a stand-in
 * for each named value, to be used only as a value of the statement (compared, bound), never in
 * its text; the values are bound on each call.
 */
export async function executeReusable<Row, Name extends string>(
  db: Db,
  shape: string,
  values: Record<Name, unknown>,
  build: (value: (name: Name) => never) => Compilable<Row>,
): Promise<Row[]> {
  let shapes = shapesByDb.get(db);
  if (!shapes) {
    shapes = new Map();
    shapesByDb.set(db, shapes);
  }
  let compiled = shapes.get(shape);
  if (!compiled) {
    const query = build((name) => `${MARK}${name}` as never).compile();
    if (query.sql.includes(MARK)) throw new Error(`${shape}: a value was put in the statement's text`);
    const slots = query.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? p.slice(MARK.length) : undefined));
    compiled = { query, slots };
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(shape, compiled);
  }
  const { query, slots } = compiled;
  const parameters = slots.map((name, i) => (name === undefined ? query.parameters[i] : values[name as Name]));
  const result = await db.executeQuery<Row>({ ...query, parameters, queryId: createQueryId() });
  return result.rows;
}

/**
 * A list of values for `in (…)`, whose length is part of the shape: `names` for the values record
 * ({ id0: 12, id1: 15 }), `keys` to ask the builder's stand-ins by. Shapes are kept per length.
 */
export function valueList<T>(prefix: string, list: readonly T[]): { names: Record<string, T>; keys: string[] } {
  const names: Record<string, T> = {};
  const keys = list.map((item, i) => {
    const key = `${prefix}${i}`;
    names[key] = item;
    return key;
  });
  return { names, keys };
}
