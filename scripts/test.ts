// `npm test`: checks that Chromium is there, lints and checks the format (biome), looks for unused
// files and dependencies (knip), type-checks, runs the tests that need no browser, then those that
// launch Chromium (wherever they live: decided by their imports, see browserTestFiles), and prints
// one combined summary ("# pass N", "# fail N") as the last lines.
//
//   npm test                        everything
//   npm test -- src/comments        only the test files under a path (files or folders)
//   npm test -- --no-typecheck …    skip tsc (quicker while iterating)
//   npm test -- --no-lint …         skip biome and knip

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { needsBrowser } from './support/test-phases.ts';
import { CHROMIUM_MISSING_MESSAGE, chromiumIsInstalled } from '../test/support/chromium.ts';
import { dropDatabasesWithPrefix, runDatabasePrefix } from '../test/support/postgres-admin.ts';
import { COMPILE_CACHE_DIR } from '../src/core/compile-cache.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SUMMARY_REPORTER = pathToFileURL(path.join(import.meta.dirname, 'support', 'summary-reporter.ts')).href;
/** A test that runs longer than this fails (node --test-timeout). */
const TEST_TIMEOUT_MS = 180_000;
/**
 * A phase that runs longer than this is stuck: it is killed rather than left to hang CI. It grows
 * with the files the phase runs, at a generous three minutes per file and worker.
 */
const phaseLimitMs = (files: number, concurrency: number) => Math.max(12 * 60_000, Math.ceil(files / concurrency) * 3 * 60_000);

interface Counts {
  tests: number;
  suites: number;
  passed: number;
  failed: number;
  cancelled: number;
  skipped: number;
  todo: number;
}

interface PhaseResult {
  exitCode: number;
  counts: Counts | undefined;
  durationMs: number;
}

/** Every *.test.ts under the given folders, sorted, skipping node_modules and hidden folders. */
function findTestFiles(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  if (fs.statSync(directory).isFile()) return directory.endsWith('.test.ts') ? [directory] : [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) found.push(...findTestFiles(full));
    else if (entry.name.endsWith('.test.ts')) found.push(full);
  }
  return found.sort();
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, limitMs = 12 * 60_000): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    const watchdog = setTimeout(() => {
      console.error(`\n# délai dépassé (${Math.round(limitMs / 60_000)} min) : arrêt de ${path.basename(args[0] ?? command)}`);
      child.kill('SIGKILL');
    }, limitMs);
    child.on('error', (error) => {
      console.error(error.message);
      clearTimeout(watchdog);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function runTests(title: string, files: string[], concurrency: number, env: NodeJS.ProcessEnv): Promise<PhaseResult> {
  console.log(`\n# ${title} : ${files.length} fichier(s), ${concurrency} à la fois\n`);
  const summaryFile = path.join(os.tmpdir(), `kiosque-test-summary-${crypto.randomUUID()}.jsonl`);
  const started = Date.now();
  const exitCode = await run(
    process.execPath,
    [
      '--test',
      `--test-concurrency=${concurrency}`,
      `--test-timeout=${TEST_TIMEOUT_MS}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${SUMMARY_REPORTER}`,
      `--test-reporter-destination=${summaryFile}`,
      ...files.map((f) => path.relative(ROOT, f)),
    ],
    env,
    phaseLimitMs(files.length, concurrency),
  );
  let counts: Counts | undefined;
  try {
    const lines = fs.readFileSync(summaryFile, 'utf8').trim().split('\n').filter(Boolean);
    counts = lines.length > 0 ? (JSON.parse(lines.at(-1)!).counts as Counts) : undefined;
  } catch {
    counts = undefined;
  } finally {
    fs.rmSync(summaryFile, { force: true });
  }
  return { exitCode, counts, durationMs: Date.now() - started };
}

async function dropLeftoverDatabases(runId: string): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return;
  try {
    const dropped = await dropDatabasesWithPrefix(adminUrl, runDatabasePrefix(runId));
    if (dropped.length > 0) console.log(`# ${dropped.length} base(s) de test PostgreSQL oubliée(s) supprimée(s)`);
  } catch (error) {
    console.error(`# nettoyage PostgreSQL impossible : ${(error as Error).message}`);
  }
}

function printSummary(phases: PhaseResult[], durationMs: number): void {
  const total: Counts = { tests: 0, suites: 0, passed: 0, failed: 0, cancelled: 0, skipped: 0, todo: 0 };
  let crashed = 0;
  for (const phase of phases) {
    if (!phase.counts) {
      crashed++;
      continue;
    }
    for (const key of Object.keys(total) as (keyof Counts)[]) total[key] += phase.counts[key] ?? 0;
  }
  // A phase that died without a summary counts as one failure, so "# fail 0" always means success.
  total.failed += crashed;
  console.log(
    [
      '',
      `# tests ${total.tests}`,
      `# suites ${total.suites}`,
      `# pass ${total.passed}`,
      `# fail ${total.failed}`,
      `# cancelled ${total.cancelled}`,
      `# skipped ${total.skipped}`,
      `# todo ${total.todo}`,
      `# duration_ms ${durationMs}`,
    ].join('\n'),
  );
}

async function main(): Promise<number> {
  const started = Date.now();
  if (!chromiumIsInstalled()) {
    console.error(CHROMIUM_MISSING_MESSAGE);
    return 1;
  }

  const args = process.argv.slice(2);
  const typecheck = !args.includes('--no-typecheck');
  const lint = !args.includes('--no-lint');
  const targets = args.filter((a) => !a.startsWith('--')).map((a) => path.resolve(ROOT, a));
  for (const target of targets) {
    if (!fs.existsSync(target)) {
      console.error(`Chemin introuvable : ${path.relative(ROOT, target)}`);
      return 1;
    }
  }

  if (lint) {
    console.log('# lint et format (biome), code inutilisé (knip)');
    const biomeCode = await run(process.execPath, [
      path.join(ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'),
      'check',
      '--error-on-warnings',
      '.',
    ]);
    const knipCode =
      biomeCode === 0 ? await run(process.execPath, [path.join(ROOT, 'node_modules', 'knip', 'bin', 'knip.js'), '--no-progress']) : 1;
    if (biomeCode !== 0 || knipCode !== 0) {
      console.error('# échec du lint (npx biome check --write . corrige le format) : tests non lancés');
      return 1;
    }
  }

  if (typecheck) {
    console.log('# vérification des types (tsc --noEmit)');
    const tscCode = await run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit']);
    if (tscCode !== 0) {
      console.error('# échec de la vérification des types : tests non lancés');
      return tscCode;
    }
  }

  const roots = targets.length > 0 ? targets : [path.join(ROOT, 'src'), path.join(ROOT, 'test')];
  const files = [...new Set(roots.flatMap(findTestFiles))];
  // A file that launches Chromium (its imports reach playwright-core) runs in the browser phase,
  // wherever it lives; every other file in the fast phase.
  const browserFiles = files.filter((f) => needsBrowser(f));
  const fast = files.filter((f) => !browserFiles.includes(f));
  if (files.length === 0) {
    console.error('Aucun fichier de test trouvé.');
    return 1;
  }

  const runId = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
  // Test files share one copy of the seeded demo edition per run (test/support/demo-snapshot.ts).
  const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-test-run-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    KIOSQUE_TEST_RUN_ID: runId,
    KIOSQUE_TEST_SNAPSHOT_DIR: snapshotDir,
    // Every test file is a process that loads the app's ~500 TypeScript modules: Node's compile
    // cache (the one npm start uses) spares each one that work.
    NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? COMPILE_CACHE_DIR,
  };
  if (!env.TEST_DATABASE_URL) console.log('# TEST_DATABASE_URL absent : tests sur SQLite seulement');

  const phases: PhaseResult[] = [];
  try {
    // One worker per core for the quick tests. Browser files each hold a server and a Chromium
    // (several processes): half as many workers, two at least. They run after the quick tests,
    // which then fail fast and are not slowed by browsers.
    const cores = os.availableParallelism();
    if (fast.length > 0) phases.push(await runTests('tests sans navigateur', fast, cores, env));
    if (browserFiles.length > 0) phases.push(await runTests('tests dans Chromium', browserFiles, Math.max(2, Math.floor(cores / 2)), env));
  } finally {
    await dropLeftoverDatabases(runId);
    fs.rmSync(snapshotDir, { recursive: true, force: true });
  }

  printSummary(phases, Date.now() - started);
  const failed = phases.some((p) => p.exitCode !== 0 || !p.counts || p.counts.failed > 0);
  return failed ? 1 : 0;
}

process.exitCode = await main();
