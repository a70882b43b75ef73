// npm run kiosque -- <command>: the command line (user:create, import). See src/cli/kiosque-cli.ts.
import { enableCompileCache } from '../src/core/compile-cache.js';

enableCompileCache();
const { runCli } = await import('../src/cli/kiosque-cli.ts');

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
