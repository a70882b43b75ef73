// Starts and stops bench/baseline-server.ts, the node:http yardstick that sends recorded bytes.

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { rawGet } from '../scripts/support/server-process.ts';

/** Writes a response (as rawGet read it) where bench/baseline-server.ts reads it. */
export function recordResponse(file: string, response: Awaited<ReturnType<typeof rawGet>>): void {
  fs.writeFileSync(file, JSON.stringify({ headers: response.headers, bodyBase64: response.body.toString('base64') }));
}

/** Starts bench/baseline-server.ts with the recorded response; resolves its port and process. */
export async function startBaseline(responseFile: string): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'baseline-server.ts'), responseFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n')[0];
      if (buffered.includes('\n')) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`le serveur de référence s'est arrêté (code ${code})`)));
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
