import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeBenchWxr } from './wxr-generate.ts';

// The WordPress import at scale: a generated export of N posts (bench/wxr-generate.ts), read by
// the streaming reader alone (the yardstick, measured in the same run), then imported into a new
// SQLite database, each in its own process so that its peak memory is its own. That peak is the
// child's VmHWM, not its maxRSS: a child's maxRSS starts from this process's own peak (the
// generator's, or a whole `npm run bench`'s after its load tests), which once printed 430 MB for
// reading 1,000 posts (peakRssMbOf in scripts/support/server-process.ts).

const run = promisify(execFile);

// The import runs as its doors run it (`npm start`, `npm run kiosque`): with V8's young generation
// capped at 4 MB a semi-space. Uncapped, the churn of loading the application (type stripping)
// grows the young generation to 128 MB, reserved and touched for the rest of the process: that,
// not the import, put the peak past 300 MB (3,000 posts, one run: 333 MB uncapped, 208 MB capped,
// at the same rate; the heap in use stayed near 56 MB throughout).
const NODE_FLAGS = ['--max-semi-space-size=4'];

export interface WxrImportMeasure {
  name: string;
  posts: number;
  seconds: number;
  postsPerSecond: number;
  maxRssMb: number;
}

export interface WxrImportBenchResult {
  posts: number;
  fileMb: number;
  measures: WxrImportMeasure[];
  targets: { name: string; ok: boolean; value: string }[];
}

async function child(mode: 'parse' | 'import', file: string, dataDir: string): Promise<WxrImportMeasure> {
  process.stdout.write(`  ${mode === 'parse' ? 'lecture seule (saxes)' : 'import complet (SQLite)'} … `);
  const { stdout } = await run(
    process.execPath,
    [...NODE_FLAGS, path.join(import.meta.dirname, 'wxr-import-child.ts'), mode, file, dataDir],
    {
      maxBuffer: 1024 * 1024,
    },
  );
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { posts: number; failed: number; ms: number; maxRssMb: number };
  if (result.failed) console.warn(`  ⚠ ${result.failed} articles en échec`);
  const measure = {
    name: mode === 'parse' ? 'lecture du WXR seule' : 'import WordPress',
    posts: result.posts,
    seconds: Math.round(result.ms / 100) / 10,
    postsPerSecond: Math.round((result.posts / result.ms) * 1000),
    maxRssMb: result.maxRssMb,
  };
  process.stdout.write(`${measure.postsPerSecond} articles/s, ${measure.maxRssMb} Mo au plus\n`);
  return measure;
}

/** Generates an export of `posts` posts and measures reading it, then importing it. */
export async function runWxrImportBench(posts: number): Promise<WxrImportBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-wxr-bench-'));
  try {
    const file = path.join(dir, 'export.xml');
    console.log(`Import WordPress : exportation générée de ${posts} articles`);
    const bytes = await writeBenchWxr(file, posts);
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    const parse = await child('parse', file, dataDir);
    const imported = await child('import', file, dataDir);
    return {
      posts,
      fileMb: Math.round(bytes / 1024 / 1024),
      measures: [parse, imported],
      targets: [
        { name: 'import WXR : mémoire ≤ 300 Mo', ok: imported.maxRssMb <= 300, value: `${imported.maxRssMb} Mo (${posts} articles)` },
        {
          name: 'import WXR : débit × lecture seule',
          ok: true,
          value: `${(imported.postsPerSecond / parse.postsPerSecond).toFixed(3)} × (${imported.postsPerSecond} articles/s)`,
        },
      ],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
