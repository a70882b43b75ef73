import pg from 'pg';

// Database-level PostgreSQL operations for the test harness, run over the admin URL (TEST_DATABASE_URL).

/** Prefix of every database the harness creates; scripts/test.ts drops leftovers of its run by it. */
export const TEST_DATABASE_PREFIX = 'kiosque_test_';

/** The name prefix of the databases of one run (the run id set by scripts/test.ts, or "manual"). */
export function runDatabasePrefix(runId: string): string {
  return `${TEST_DATABASE_PREFIX}${runId
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 16)}_`;
}

/** The admin URL pointed at another database on the same server. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

function checkedName(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Nom de base inattendu : ${name}`);
  return name;
}

/** Runs fn with a short-lived client connected to the admin database. */
export async function withAdminClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE, empty (from template1) or as a copy of a template database. */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const from = template ? ` TEMPLATE "${checkedName(template)}"` : '';
  // Copies made at the same instant can collide on the template ("being accessed by other users"): retry briefly.
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE "${checkedName(name)}"${from}`));
      return;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= 10 || !/being accessed by other users/.test(message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/**
 * Drops a database. pg's Pool.end() resolves before its connections have really closed, and
 * a connection the server kills (FORCE) raises an uncaught error in the test process: so wait for
 * the database's sessions to go away, and FORCE only those that linger.
 */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, async (c) => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0].n === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await c.query(`DROP DATABASE IF EXISTS "${checkedName(name)}" WITH (FORCE)`);
  });
}

/** Drops every database whose name starts with the prefix; used by the runner after a run. */
export async function dropDatabasesWithPrefix(adminUrl: string, prefix: string): Promise<string[]> {
  const names = await withAdminClient(adminUrl, async (c) => {
    const result = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    return result.rows.map((r) => r.datname);
  });
  for (const name of names) await dropDatabase(adminUrl, name);
  return names;
}
