// One measured run of the WordPress import bench, in its own process so its peak memory is its
// own: `parse` only reads the export with the streaming reader (the yardstick), `import` imports
// it into a new SQLite database under DATA_DIR. Prints one JSON line.

import { readWxr } from '../src/importers/wordpress/wxr-reader.ts';
import { peakRssMbOf } from '../scripts/support/server-process.ts';

const [mode, file, dataDir] = process.argv.slice(2);
if (!file || !dataDir || (mode !== 'parse' && mode !== 'import')) throw new Error('usage: wxr-import-child.ts parse|import FILE DATA_DIR');

// The application is loaded by the import only (before its clock starts): the reading alone is the reader's memory.
const app =
  mode === 'import'
    ? {
        ...(await import('../src/cli/cli-context.ts')),
        ...(await import('../src/accounts/policy.ts')),
        ...(await import('../src/importers/wordpress/wordpress-import.ts')),
      }
    : null;

const started = performance.now();
let posts = 0;
let failed = 0;
if (!app) {
  for await (const record of readWxr(file)) if (record.kind === 'item') posts++;
} else {
  const { openCliContext, importWordPress, SYSTEM_ACTOR } = app;
  const { ctx, close } = await openCliContext({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', KIOSQUE_DEMO: '0' });
  try {
    const report = await importWordPress(ctx, SYSTEM_ACTOR, { file });
    posts = report.created + report.updated + report.unchanged + report.failed;
    failed = report.failed;
  } finally {
    await close();
  }
}
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ mode, posts, failed, ms: Math.round(ms), maxRssMb: Math.round(peakRssMbOf(process.pid)) })}\n`);
