import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface ServerProcess {
  /** Pid of the Node process serving requests (spawned directly, not through npm). */
  pid: number;
  origin: string;
  /** Milliseconds from spawn to the first 200 on "/". */
  firstResponseMs: number;
  /** The server's resident memory now, in MB, from /proc/<pid>/status. */
  rssMb(): number;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<number | null>;
  /** What it printed last (stdout and stderr, up to 4,000 characters). */
  output(): string;
}

/**
 * The environment and Node flags of `npm start`, read from package.json so that benches and
 * tests run the server exactly as it is started: `NAME=value … node --flag … src/start.js`
 * (a smaller young generation; glibc handing large freed blocks back to the system).
 */
export function npmStart(): { env: Record<string, string>; flags: string[]; script: string } {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  const node = words.indexOf('node');
  if (node === -1) throw new Error(`script start inattendu : ${pkg.scripts.start}`);
  const env = Object.fromEntries(words.slice(0, node).map((word) => word.split('=', 2) as [string, string]));
  return { env, flags: words.slice(node + 1, -1), script: path.join(ROOT, words.at(-1)!) };
}

export interface StartOptions {
  dataDir: string;
  pageCache: boolean;
  /** Extra environment, e.g. LOG_LEVEL. */
  env?: Record<string, string>;
  /** Give up waiting for the first 200 after this long (the demo seed can take a while). */
  timeoutMs?: number;
  /** After the first 200, wait until the process is idle (waitUntilQuiet) before resolving: for benches. */
  quiet?: boolean;
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Clock ticks a second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
export const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time a process has used, in clock ticks (user + system, from /proc/<pid>/stat). */
export function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Waits until a freshly started server is idle: less than 5 % of a core over a whole second
 * (its start-up jobs, such as image variants left by the demo's loading or the search backfill,
 * are done), or `limitMs` at most. Returns how long it took. A bench measures serving pages,
 * not what a new process does in the background in its first seconds.
 */
export async function waitUntilQuiet(pid: number, limitMs = 120_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    const before = cpuTicks(pid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (cpuTicks(pid) - before <= 0.05 * CLOCK_TICKS_PER_SECOND) break;
  }
  return Math.round(performance.now() - started);
}

/** One memory field of a process's /proc status (Linux), in MB. */
function statusMbOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Resident set size of a process in MB, read from /proc (Linux). */
export function rssMbOf(pid: number): number {
  return statusMbOf(pid, 'VmRSS');
}

/**
 * The highest resident set size a process has had since it started its program, in MB (VmHWM).
 * Not `process.resourceUsage().maxRSS`: a spawned child's maxRSS starts from its parent's peak
 * (Linux carries it over the fork and the exec), so a child of a 400 MB bench reports 400 MB
 * whatever it does itself.
 */
export function peakRssMbOf(pid: number): number {
  return statusMbOf(pid, 'VmHWM');
}

/** One GET with node:http (no Accept-Encoding, like autocannon), resolving status, headers and raw bytes. */
/**
 * One GET, on a new connection unless an agent is given (a keep-alive agent reuses its connection,
 * as a browser does between the pages a reader opens).
 */
export function rawGet(
  url: string,
  timeoutMs = 5_000,
  agent: http.Agent | false = false,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`délai dépassé : ${url}`)));
    request.on('error', reject);
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts `node src/server.ts` (what `npm start` runs) on a free port with the given data
 * directory, demo edition on, production mode, and waits for the first 200 on "/".
 */
export async function startServerProcess(options: StartOptions): Promise<ServerProcess> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: options.dataDir,
    KIOSQUE_DEMO: '1',
    PAGE_CACHE: options.pageCache ? '1' : '0',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  delete env.DATABASE_URL;
  if (options.env?.DATABASE_URL) env.DATABASE_URL = options.env.DATABASE_URL;

  const start = npmStart();
  const started = performance.now();
  const child = spawn(process.execPath, [...start.flags, start.script], {
    cwd: ROOT,
    env: { ...start.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 5_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
  };

  const deadline = started + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`le serveur s'est arrêté (code ${child.exitCode ?? child.signalCode}) :\n${output}`);
    }
    try {
      const response = await rawGet(`${origin}/`, 2_000);
      if (response.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`le serveur n'a pas répondu 200 sur / en ${options.timeoutMs ?? 60_000} ms :\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const firstResponseMs = performance.now() - started;
  if (options.quiet) {
    const ms = await waitUntilQuiet(child.pid!);
    if (ms > 1500) console.log(`  (travaux de démarrage du serveur terminés après ${(ms / 1000).toFixed(1)} s)`);
  }
  return { pid: child.pid!, origin, firstResponseMs, rssMb: () => rssMbOf(child.pid!), stop, exited, output: () => output };
}

/** The home page's lead story path: inside data-part="lead-story" if present, else the first article link of <main>. */
export function leadStoryPathFromHtml(html: string): string | undefined {
  const marker = html.search(/data-part\s*=\s*"lead-story"/);
  const from = marker >= 0 ? marker : Math.max(html.search(/<main[\s>]/), 0);
  const nonArticle = /^\/(auteur|sujet|dossier|serie|admin|media|assets|static|flux|rss|api)\//;
  for (const match of html.slice(from).matchAll(/\bhref\s*=\s*"(\/[^"?#]*)"/g)) {
    const href = match[1];
    if (/^\/[^/]+\/[^/]+$/.test(href) && !nonArticle.test(href)) return href;
  }
  return undefined;
}
