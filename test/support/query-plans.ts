import {
  type Compilable,
  type CompiledQuery,
  CompiledQuery as Compiled,
  isCompilable,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  SelectQueryNode,
  sql,
  type UnknownRow,
} from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/core/config.ts';
import type { Db, DatabaseHandle, Dialect } from '../../src/core/db/database.ts';
import { CUSTOM_PLAN_MARK } from '../../src/core/db/postgres-pool.ts';
import { holdsStandIns } from '../../src/core/db/reusable-query.ts';
import type { TestDatabaseHandle } from './databases.ts';

// Query plans of the real code: a Kysely plugin records every SELECT the app sends while a page
// renders, then each one is explained on the same database (EXPLAIN QUERY PLAN on SQLite, EXPLAIN
// in JSON on PostgreSQL) and checked against the rules of an archive-sized database.

/** Tables that grow with the archive: reading all of them, or sorting a page of them, costs O(archive). */
export const ARCHIVE_TABLES = ['articles', 'article_tags', 'article_authors'] as const;

/** Records the SELECT statements sent through a database handle. */
export class QueryCapture implements KyselyPlugin {
  readonly #compile: (node: RootOperationNode, queryId: PluginTransformQueryArgs['queryId']) => CompiledQuery;
  #queries: CompiledQuery[] = [];

  constructor(db: Db) {
    const executor = db.getExecutor();
    this.#compile = (node, queryId) => executor.compileQuery(node, queryId);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (SelectQueryNode.is(args.node)) {
      const query = this.#compile(args.node, args.queryId);
      // A reusable statement's shape (core/db/reusable-query.ts) is recorded when run, with its values.
      if (!holdsStandIns(query.parameters)) this.#queries.push(query);
    }
    return args.node;
  }

  /** Records a statement run already compiled (executeReusable), which no plugin sees before it runs. */
  record(query: CompiledQuery): void {
    if (/^\s*(select|\()/i.test(query.sql)) this.#queries.push(query);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }

  /** The statements recorded since the last call, forgotten afterwards. */
  take(): CompiledQuery[] {
    const taken = this.#queries;
    this.#queries = [];
    return taken;
  }
}

/** The same database handle, its queries recorded by the returned capture. */
export function capturing<H extends DatabaseHandle>(handle: H): { handle: H; capture: QueryCapture } {
  const capture = new QueryCapture(handle.db);
  const db = handle.db.withPlugin(capture);
  const execute = db.executeQuery.bind(db);
  db.executeQuery = ((query: CompiledQuery | Compilable<unknown>) => {
    if (!isCompilable(query)) capture.record(query);
    return execute(query);
  }) as typeof db.executeQuery;
  return { handle: { ...handle, db }, capture };
}

/** The configuration of an app on a test database (demo not loaded, page cache off unless `env` says). */
export function testDatabaseConfig(database: TestDatabaseHandle, env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: database.dataDir,
    DATABASE_URL: database.databaseUrl,
    KIOSQUE_DEMO: '0',
    PAGE_CACHE: '0',
    ...env,
  });
}

/** The real app on a test database, page cache off, every SELECT it sends recorded by `capture`. */
export async function capturedApp(database: TestDatabaseHandle): Promise<{ app: FastifyInstance; capture: QueryCapture }> {
  const captured = capturing(database);
  const config = testDatabaseConfig(database);
  const app = await buildApp({ config, database: captured.handle });
  await app.ready();
  return { app, capture: captured.capture };
}

/** A page to render and whose queries to explain. */
export interface PlannedPage {
  name: string;
  url: string;
  cookie?: string;
  /** A problem this page has on purpose (say why where the page is listed). */
  allows?: (problem: string) => boolean;
}

/**
 * Renders each page (it must answer 200 and read `tables`), explains every statement it sent
 * that reads them, and returns a report of the costly plans: empty when there is none.
 */
export async function pagesPlanReport(
  app: FastifyInstance,
  capture: QueryCapture,
  database: TestDatabaseHandle,
  pages: readonly PlannedPage[],
  tables: readonly string[] = ARCHIVE_TABLES,
): Promise<string> {
  const problems: (PlanProblem & { page: string })[] = [];
  let explained = 0;
  for (const page of pages) {
    capture.take();
    const response = await app.inject({ method: 'GET', url: page.url, headers: page.cookie ? { cookie: page.cookie } : {} });
    if (response.statusCode !== 200) throw new Error(`${page.name} (${page.url}) répond ${response.statusCode}`);
    const queries = capture.take().filter((q) => touchesTables(q, tables));
    if (queries.length === 0) throw new Error(`${page.name} : aucune requête sur ${tables.join(', ')} n'a été enregistrée`);
    for (const query of queries) {
      explained++;
      for (const p of await planProblems(database.db, database.dialect, query, tables))
        if (!page.allows?.(p.problem)) problems.push({ ...p, page: page.name });
    }
  }
  if (problems.length === 0) return '';
  const details = problems.map((p) => `• ${p.page} : ${p.problem}\n  ${p.sql}\n  ${p.plan.replaceAll('\n', '\n  ')}`).join('\n\n');
  return `${problems.length} plan(s) coûteux sur ${explained} requêtes :\n\n${details}`;
}

/** True when the statement reads one of `tables`. */
export function touchesTables(query: CompiledQuery, tables: readonly string[]): boolean {
  return tables.some((t) => new RegExp(`"${t}"`).test(query.sql));
}

/** True when the statement reads a table that grows with the archive. */
export function touchesArchive(query: CompiledQuery): boolean {
  return touchesTables(query, ARCHIVE_TABLES);
}

/** A plan step that costs in proportion to the archive, with the plan for the report. */
export interface PlanProblem {
  problem: string;
  sql: string;
  plan: string;
}

const ENTITY_BOUND =
  /\((?:rowid|id|article_id|tag_id|person_id|series_id|dossier_id|created_by_user_id|cluster_id|outlet_id|item_id|agency_id|newsletter_id|edition_id|reader_id)=\?/;
const hotPattern = (tables: readonly string[]) => new RegExp(`^(?:SCAN|SEARCH) (${tables.join('|')})\\b`);

/**
 * Explains one statement and names what would grow with the archive:
 * - a full scan of articles, article_tags or article_authors (SQLite "SCAN t" without an index;
 *   PostgreSQL "Seq Scan", or an index walked without a condition outside a LIMIT);
 * - a whole index walked without a LIMIT to stop it;
 * - a sort (temporary B-tree) to order a page (a query with LIMIT) of those tables, where an
 *   index in the right order should give the rows already sorted (a sort of one entity's rows,
 *   e.g. one person's pieces read by person_id, is bounded by that entity and allowed);
 * - every public article walked ("status=? AND published_at<?" alone) to count them or to test
 *   a correlated sub-query on each.
 * On PostgreSQL sequential scans and sorts are disabled for the explanation, so that a small
 * test archive shows the plan a large one would get: a Seq Scan or Sort then means no index serves.
 */
export async function planProblems(
  db: Db,
  dialect: Dialect,
  query: CompiledQuery,
  tables: readonly string[] = ARCHIVE_TABLES,
): Promise<PlanProblem[]> {
  const limited = /\blimit\b/i.test(query.sql);
  return dialect === 'sqlite' ? sqliteProblems(db, query, limited, tables) : postgresProblems(db, query, limited, tables);
}

async function sqliteProblems(db: Db, query: CompiledQuery, limited: boolean, tables: readonly string[]): Promise<PlanProblem[]> {
  const HOT = hotPattern(tables);
  const result = await db.executeQuery<{ id: number; parent: number; detail: string }>(
    Compiled.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
  );
  const rows = result.rows;
  const plan = rows.map((r) => r.detail).join('\n');
  const problems: string[] = [];
  // A sort is acceptable when every read of the archive tables is pinned to one entity (an
  // article, a person, a tag…): it then sorts that entity's rows, not a slice of the archive.
  const archiveReads = rows.filter((r) => HOT.test(r.detail));
  const readsArchive = archiveReads.some((r) => !ENTITY_BOUND.test(r.detail));
  for (const { detail } of rows) {
    const hot = HOT.exec(detail);
    // A table walked in its rowid order from one end for a LIMIT ("order by id desc limit 50",
    // no temporary B-tree) stops at the page, like an index walked under a LIMIT.
    const rowidPage =
      hot &&
      limited &&
      !rows.some((r) => /USE TEMP B-TREE/.test(r.detail)) &&
      new RegExp(`order by "${hot[1]}"\\."id"`, 'i').test(query.sql);
    if (hot && detail.startsWith('SCAN') && !rowidPage && !/USING (?:COVERING )?INDEX|USING INTEGER PRIMARY KEY|USING ROWID/.test(detail)) {
      problems.push(`lecture complète de ${hot[1]}`);
    } else if (hot && detail.startsWith('SCAN') && !limited) {
      problems.push(`index de ${hot[1]} parcouru en entier, sans LIMIT`);
    }
    // "status=? AND published_at<?" alone is every public article: fine to walk in order for a
    // LIMIT, not to count or to filter by a correlated sub-query (a rare tag would walk them all).
    if (
      /^SEARCH articles USING (?:COVERING )?INDEX \w+ \((?:status=\?)?(?: AND )?(?:published_at[<>=]+\?)?\)$/.test(detail) &&
      (!limited || /\bexists\b/i.test(query.sql))
    ) {
      problems.push(`tous les articles publics parcourus (${detail})`);
    }
    if (limited && readsArchive && /USE TEMP B-TREE FOR .*(?:ORDER BY|GROUP BY|DISTINCT)/.test(detail)) {
      problems.push(`tri temporaire d'une page (${detail})`);
    }
  }
  return problems.map((problem) => ({ problem, sql: query.sql, plan }));
}

/** One node of a PostgreSQL plan (EXPLAIN in JSON), with the fields the checks read. */
export interface PgPlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Plans?: PgPlanNode[];
}

/**
 * PostgreSQL's plan of a statement (not run), sequential scans and sorts disabled for the
 * explanation, so that a small test table shows the plan a large one would get. The plan shown is
 * the generic one, for any values, as the server runs it (postgres-pool.ts SESSION_OPTIONS): the
 * statement is prepared and its execution explained with every value unknown. A statement marked
 * CUSTOM_PLAN_MARK (a full-text match) is run with a plan for its values, and explained with them.
 */
export function postgresPlan(db: Db, query: CompiledQuery): Promise<PgPlanNode> {
  const explain = async (connection: Db, text: string, parameters: readonly unknown[]) => {
    const result = await connection.executeQuery<{ 'QUERY PLAN': { Plan: PgPlanNode }[] }>(
      Compiled.raw(`EXPLAIN (FORMAT JSON) ${text}`, [...parameters]),
    );
    return result.rows[0]['QUERY PLAN'][0].Plan;
  };
  return db.connection().execute(async (connection) => {
    await sql`set enable_seqscan = off`.execute(connection);
    await sql`set enable_sort = off`.execute(connection);
    try {
      // A statement marked for custom plans is planned with its values: explained with them.
      if (query.sql.includes(CUSTOM_PLAN_MARK)) return await explain(connection, query.sql, query.parameters);
      await sql`set plan_cache_mode = force_generic_plan`.execute(connection);
      await connection.executeQuery(Compiled.raw(`PREPARE kiosque_explained AS ${query.sql}`, []));
      try {
        // Under a generic plan the values play no part: NULL stands for each.
        const values = query.parameters.length ? `(${query.parameters.map(() => 'NULL').join(', ')})` : '';
        return await explain(connection, `EXECUTE kiosque_explained${values}`, []);
      } finally {
        await sql`deallocate kiosque_explained`.execute(connection);
        await sql`reset plan_cache_mode`.execute(connection);
      }
    } finally {
      await sql`reset enable_seqscan`.execute(connection);
      await sql`reset enable_sort`.execute(connection);
    }
  });
}

async function postgresProblems(db: Db, query: CompiledQuery, limited: boolean, tables: readonly string[]): Promise<PlanProblem[]> {
  const plan = await postgresPlan(db, query);
  const hot = (n: PgPlanNode) => tables.includes(n['Relation Name'] ?? '');
  // As on SQLite, a sort of one entity's rows (read by person_id, article_id…) is bounded by it.
  const entityBound = (n: PgPlanNode) =>
    /\((?:id|article_id|tag_id|person_id|series_id|dossier_id|created_by_user_id|cluster_id|outlet_id|item_id|agency_id|newsletter_id|edition_id|reader_id) = /.test(
      n['Index Cond'] ?? '',
    );
  const readsArchive = (n: PgPlanNode): boolean => (hot(n) && !entityBound(n)) || (n.Plans ?? []).some(readsArchive);
  const problems: string[] = [];
  const walk = (node: PgPlanNode, underLimit: boolean): void => {
    const type = node['Node Type'];
    if (hot(node) && type === 'Seq Scan') problems.push(`lecture complète de ${node['Relation Name']}`);
    if (hot(node) && /Index/.test(type) && !node['Index Cond'] && !underLimit) {
      problems.push(`index ${node['Index Name']} de ${node['Relation Name']} parcouru en entier, sans LIMIT`);
    }
    const cond = node['Index Cond'] ?? '';
    if (
      node['Relation Name'] === 'articles' &&
      cond &&
      /^[(\s]*(?:\(?(?:status|published_at)\b[^()]*\)?(?:\s+AND\s+)?)+[)\s]*$/.test(cond) &&
      (!underLimit || /\bexists\b/i.test(query.sql))
    ) {
      problems.push(`tous les articles publics parcourus (${cond})`);
    }
    if (limited && type === 'Sort' && readsArchive(node)) problems.push("tri d'une page (Sort)");
    for (const child of node.Plans ?? []) walk(child, underLimit || type === 'Limit');
  };
  walk(plan, false);
  const text = JSON.stringify(plan, ['Node Type', 'Relation Name', 'Index Name', 'Index Cond', 'Filter', 'Plans'], 1);
  return problems.map((problem) => ({ problem, sql: query.sql, plan: text }));
}
